package io.hcs4j.emulator.guest;

import io.hcs4j.emulator.hcs.Emulator;
import io.hcs4j.platform.PrivateDirectory;
import io.hcs4j.uvm.transport.HvSocketDirs;

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
 * The running guests of emulated VMs, one record per VM (its agent's pid and start time, its socket directory, and
 * the agent's own list of its mounts, {@link MountLog}), so
 * that an emulator in another process can open the VM by id after the emulator that booted it died with its host
 * process: what a real VM does by outliving its shim. Records live in a state directory that only its owner may use
 * ({@code HCS4J_EMULATOR_STATE}, default {@code <runtime base>/emulator}: {@code /run/hcs4j/emulator} as root,
 * else under {@code $XDG_RUNTIME_DIR}): a record decides which processes get killed and which directory gets
 * deleted, so it is a {@link PrivateDirectory}: one another user could write (pre-created, a link, group or world
 * access, anywhere above it) is refused.
 */
final class GuestRecords {

    /** A VM's guest: the agent process (pid and start time, so that a reused pid is left alone) and its sockets. */
    record GuestRecord(String vmId, long agentPid, long agentStartMillis, Path socketDir) {

        /** The agent, if this record's process still runs. */
        Optional<ProcessHandle> liveAgent() {
            return ProcessHandle.of(agentPid).filter(h -> h.info().startInstant()
                    .map(t -> t.toEpochMilli() == agentStartMillis).orElse(false));
        }
    }

    private GuestRecords() {
    }

    static Path dir() {
        return Emulator.stateDir();
    }

    /** Records the guest of a started VM, replacing an older record of the same id. */
    static void write(GuestRecord r) throws IOException {
        Path dir = privateDir();
        Properties p = new Properties();
        p.setProperty("vmId", r.vmId());
        p.setProperty("agentPid", Long.toString(r.agentPid()));
        p.setProperty("agentStartMillis", Long.toString(r.agentStartMillis()));
        p.setProperty("socketDir", r.socketDir().toString());
        Path file = file(dir, r.vmId(), ".properties");
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "hcs4j emulated VM's guest, for opening the VM from another process");
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The record of a VM, if there is one (none without a state directory). */
    static Optional<GuestRecord> read(String vmId) throws IOException {
        Path dir = dir();
        if (!PrivateDirectory.check(dir)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        Path file = file(dir, vmId, ".properties");
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            GuestRecord r = new GuestRecord(p.getProperty("vmId", ""), Long.parseLong(p.getProperty("agentPid", "")),
                    Long.parseLong(p.getProperty("agentStartMillis", "")), Path.of(p.getProperty("socketDir", "")));
            if (!r.vmId().equals(vmId) || !r.socketDir().isAbsolute()) {
                throw new IOException("it is not the record of " + vmId);
            }
            return Optional.of(r);
        } catch (NumberFormatException | IOException e) {
            throw new IOException(file + " is corrupt: " + e.getMessage(), e);
        }
    }

    /** Where the VM's agent lists the mounts it holds ({@link MountLog}); makes the state directory. */
    static Path mountsFile(String vmId) throws IOException {
        return file(privateDir(), vmId, ".mounts");
    }

    /** Where the VM's memory size is kept for its agent ({@link GuestMemory}); makes the state directory. */
    static Path memoryFile(String vmId) throws IOException {
        return file(privateDir(), vmId, ".memory");
    }

    /** Removes the VM's record, its agent's list of mounts and its memory size. */
    static void remove(String vmId) throws IOException {
        Files.deleteIfExists(file(dir(), vmId, ".mounts"));
        Files.deleteIfExists(file(dir(), vmId, ".memory"));
        Files.deleteIfExists(file(dir(), vmId, ".properties"));
    }

    private static Path file(Path dir, String vmId, String suffix) {
        // The socket directory's name: the VM id itself, or its hash where the id is long or unusual.
        return dir.resolve(HvSocketDirs.forVm(vmId).getFileName() + suffix);
    }

    /** The state directory, made (mode 0700) when missing, checked when found. */
    private static Path privateDir() throws IOException {
        return PrivateDirectory.create(dir());
    }
}
