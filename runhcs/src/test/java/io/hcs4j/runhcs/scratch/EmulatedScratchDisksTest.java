package io.hcs4j.runhcs.scratch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hcs4j.ext4.VhdFooter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The emulator's scratch disks, judged by e2fsprogs (which .ci/run installs). */
class EmulatedScratchDisksTest {
    @TempDir
    Path dir;

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + out);
        return out;
    }

    private static long allocatedBytes(Path file) throws IOException, InterruptedException {
        return Long.parseLong(run("stat", "-c", "%b", file.toString()).trim()) * 512;
    }

    @Test
    void aSparseExt4ImageOfTheFullSizeWithAFixedVhdFooter() throws Exception {
        Path disk = dir.resolve("sandbox.vhdx");
        new EmulatedScratchDisks().create(disk, 1);

        assertEquals((1L << 30) + VhdFooter.SIZE, Files.size(disk));
        assertEquals(1L << 30, VhdFooter.read(disk).dataSize());
        assertTrue(allocatedBytes(disk) < (64L << 20), "sparse: " + allocatedBytes(disk));
        run("/sbin/fsck.ext4", "-n", "-f", disk.toString());
        String features = run("/sbin/dumpe2fs", "-h", disk.toString());
        assertTrue(features.matches("(?s).*Filesystem features:[^\\n]*sparse_super2.*"), features);
        assertFalse(features.matches("(?s).*Filesystem features:[^\\n]*has_journal.*"), "hcsshim's ^has_journal");
        assertFalse(features.matches("(?s).*Filesystem features:[^\\n]*resize_inode.*"), "hcsshim's ^resize_inode");
        assertTrue(features.contains("Block count:              262144"), features);

        Path copy = dir.resolve("copy.vhdx");
        new EmulatedScratchDisks().copy(disk, copy, false);
        assertEquals(-1, Files.mismatch(disk, copy));
        assertTrue(allocatedBytes(copy) < (64L << 20), "the copy stays sparse");
        assertThrows(FileAlreadyExistsException.class, () -> new EmulatedScratchDisks().copy(disk, copy, false));
    }

    @Test
    void anExistingDestinationIsNotTouched() throws IOException {
        Path disk = dir.resolve("sandbox.vhdx");
        Files.writeString(disk, "keep");
        assertThrows(FileAlreadyExistsException.class, () -> new EmulatedScratchDisks().create(disk, 1));
        assertEquals("keep", Files.readString(disk));
    }

    @Test
    void aFailedFormatLeavesNothing() {
        Path disk = dir.resolve("sandbox.vhdx");
        IOException e = assertThrows(IOException.class,
                () -> new EmulatedScratchDisks(dir.resolve("no-mkfs").toString()).create(disk, 1));
        assertTrue(e.getMessage().contains("does not run"), e.getMessage());
        assertFalse(Files.exists(disk));
        IOException failing = assertThrows(IOException.class,
                () -> new EmulatedScratchDisks("/bin/false").create(disk, 1));
        assertTrue(failing.getMessage().contains("exited with 1"), failing.getMessage());
        assertFalse(Files.exists(disk));
    }
}
