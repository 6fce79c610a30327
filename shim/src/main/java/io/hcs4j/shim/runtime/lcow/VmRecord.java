package io.hcs4j.shim.runtime.lcow;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * What {@code delete} needs to clean up a utility VM whose shim died (killed -9): the VM id, and on the
 * emulator the guest agent process (pid and start time, so a reused pid is left alone), the VM's socket
 * directory and the guest root paths it may have mounted. Kept as a small properties file in the bundle of the
 * task that owns the VM, written when the VM has started and removed when it is closed. Plain JDK only, so
 * that {@code delete} stays light.
 */
record VmRecord(String vmId, long agentPid, long agentStartMillis, String socketDir, List<String> guestRoots) {
    static final String FILE = "lcow-vm.properties";

    VmRecord {
        guestRoots = List.copyOf(guestRoots);
    }

    VmRecord withGuestRoots(List<String> roots) {
        return new VmRecord(vmId, agentPid, agentStartMillis, socketDir, roots);
    }

    /** Writes the record atomically (a crash never leaves half a file). */
    void write(Path bundle) throws IOException {
        Properties p = new Properties();
        p.setProperty("vmId", vmId);
        p.setProperty("agentPid", Long.toString(agentPid));
        p.setProperty("agentStartMillis", Long.toString(agentStartMillis));
        p.setProperty("socketDir", socketDir == null ? "" : socketDir);
        p.setProperty("guestRoots", String.join("\n", guestRoots));
        Path tmp = bundle.resolve(FILE + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "hcs4j LCOW utility VM of this bundle, for delete after a dead shim");
        }
        Files.move(tmp, bundle.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static Optional<VmRecord> read(Path bundle) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(bundle.resolve(FILE), StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        String roots = p.getProperty("guestRoots", "");
        try {
            return Optional.of(new VmRecord(p.getProperty("vmId", ""),
                    Long.parseLong(p.getProperty("agentPid", "0")),
                    Long.parseLong(p.getProperty("agentStartMillis", "0")),
                    p.getProperty("socketDir", ""),
                    roots.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(roots.split("\n")))));
        } catch (NumberFormatException e) {
            throw new IOException(bundle.resolve(FILE) + " is corrupt: " + e.getMessage(), e);
        }
    }

    static void remove(Path bundle) throws IOException {
        Files.deleteIfExists(bundle.resolve(FILE));
    }
}
