package io.hcs4j.shim.runtime;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * The utility VM a bundle's task owns, so that {@code delete} can end it through the backend after the shim died
 * (killed -9): the VM id is all it needs, since the backend can open the VM by id. Kept as a small properties file
 * in the bundle, written when the VM has started and removed when it is closed. Plain JDK only, so that
 * {@code delete} stays light when there is no VM.
 */
public record VmRecord(String vmId) {
    public static final String FILE = "lcow-vm.properties";

    /** Writes the record atomically (a crash never leaves half a file). */
    public void write(Path bundle) throws IOException {
        Properties p = new Properties();
        p.setProperty("vmId", vmId);
        Path tmp = bundle.resolve(FILE + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "hcs4j LCOW utility VM of this bundle, for delete after a dead shim");
        }
        Files.move(tmp, bundle.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public static Optional<VmRecord> read(Path bundle) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(bundle.resolve(FILE), StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        String vmId = p.getProperty("vmId", "");
        if (vmId.isEmpty()) {
            throw new IOException(bundle.resolve(FILE) + " is corrupt: it names no vmId");
        }
        return Optional.of(new VmRecord(vmId));
    }

    public static void remove(Path bundle) throws IOException {
        Files.deleteIfExists(bundle.resolve(FILE));
    }
}
