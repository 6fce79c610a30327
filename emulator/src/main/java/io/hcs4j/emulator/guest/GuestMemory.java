package io.hcs4j.emulator.guest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The emulated VM's memory size as its guest sees it (a real guest's total RAM, sysinfo's totalram): the launcher
 * keeps the VM's size in MB beside the guest's record ({@link GuestRecords#memoryFile}), written at boot and when HCS
 * resizes the VM, and names the file to the agent (HCS4J_GUEST_MEMORY), which reads it when asked to size its
 * containers' cgroup to the VM's memory. The file goes with the record.
 */
final class GuestMemory {
    static final String FILE_ENV = "HCS4J_GUEST_MEMORY";
    /** The same as a system property, which wins: a pooled agent learns its VM's file only when claimed. */
    static final String FILE_PROPERTY = "hcs4j.guest.memory";

    private GuestMemory() {
    }

    /** Replaces the recorded size at once (a reader never sees half a number). */
    static void write(Path file, long sizeMb) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, Long.toString(sizeMb), StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The VM's memory in bytes, from the file the launcher named. */
    static long totalBytes() throws IOException {
        String named = System.getProperty(FILE_PROPERTY, System.getenv(FILE_ENV));
        if (named == null || named.isEmpty()) {
            throw new IOException(FILE_ENV + " is not set: the VM's memory size is not known");
        }
        String mb = Files.readString(Path.of(named), StandardCharsets.US_ASCII).strip();
        try {
            return Long.parseLong(mb) << 20;
        } catch (NumberFormatException e) {
            throw new IOException("the VM's memory size " + mb + " is not a number of MB");
        }
    }
}
