package io.hcs4j.emulator.guest;

import io.hcs4j.ext4.VhdFooter;
import io.hcs4j.hcs.raw.HResults;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Disk images behind the emulated VM's SCSI and vPMem devices, mounted as a VM's guest mounts its disks: an ext4
 * file system, raw or inside a fixed VHD (the ext4 followed by a 512-byte footer, as tar2ext4 writes layers), is
 * loop-mounted (util-linux mount, loop option: the loop device is limited to the data before the footer, read-only
 * when the mount is, and freed when the mount goes, also when the agent's mount namespace dies with it). A file
 * that is neither is no disk image this emulator can serve. Without loop devices the guest says so once and
 * refuses.
 */
final class DiskImages {
    private static final Logger LOG = LoggerFactory.getLogger(DiskImages.class);
    private static final byte[] VHD_COOKIE = "conectix".getBytes(StandardCharsets.US_ASCII);
    /** The ext4 superblock starts at byte 1024; its magic 0xEF53 (little-endian) at offset 56 in it. */
    private static final int EXT4_MAGIC_OFFSET = 1024 + 56;
    private static final Path LOOP_CONTROL = Path.of("/dev/loop-control");
    private static final AtomicBoolean NO_LOOP_LOGGED = new AtomicBoolean();

    private DiskImages() {
    }

    /** A disk image: the file and how many of its bytes are the disk (all, or those before a VHD footer). */
    record Image(Path file, long dataSize) {
    }

    /** The image in {@code file}, or null when it holds neither a fixed VHD nor a raw ext4 file system. */
    static Image probe(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        long length = Files.size(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (length >= VhdFooter.SIZE && startsWith(channel, length - VhdFooter.SIZE, VHD_COOKIE)) {
                return new Image(file, VhdFooter.read(file).dataSize());
            }
            if (startsWith(channel, EXT4_MAGIC_OFFSET, new byte[] {0x53, (byte) 0xEF})) {
                return new Image(file, length);
            }
        }
        return null;
    }

    private static boolean startsWith(FileChannel channel, long at, byte[] expected) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(expected.length);
        while (b.hasRemaining()) {
            if (channel.read(b, at + b.position()) < 0) {
                return false;
            }
        }
        return Arrays.equals(b.array(), expected);
    }

    /** Loop-mounts the image's ext4 at {@code mountPoint} (which exists). */
    static void mount(Image image, Path mountPoint, boolean readOnly) throws GuestError {
        if (!Files.exists(LOOP_CONTROL)) {
            if (NO_LOOP_LOGGED.compareAndSet(false, true)) {
                LOG.warn("this host has no loop devices ({} is missing): the emulated guest cannot mount disk images",
                        LOOP_CONTROL);
            }
            throw new GuestError(HResults.E_FAIL, "cannot mount the disk image " + image.file() + ": the host has "
                    + "no loop devices (" + LOOP_CONTROL + " is missing)");
        }
        List<String> options = new ArrayList<>(List.of("loop", "sizelimit=" + image.dataSize()));
        if (readOnly) {
            options.add("ro");
        }
        try {
            GuestRuntime.run(List.of("mount", "-t", "ext4", "-o", String.join(",", options), image.file().toString(),
                    mountPoint.toString()));
        } catch (IOException e) {
            throw new GuestError(HResults.E_FAIL, "cannot mount the disk image " + image.file() + " at " + mountPoint
                    + ": " + e.getMessage());
        }
    }
}
