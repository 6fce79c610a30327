package io.hcs4j.runhcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.hcs4j.ext4.VhdFooter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code runhcs create-scratch} on the emulator: hcsshim's flags, a formatted disk, clear refusals. */
class CreateScratchCommandTest {
    @TempDir
    Path dir;

    @Test
    void createsAndCachesWithHcsshimsFlags() throws Exception {
        Path dest = dir.resolve("sandbox.vhdx");
        assertEquals(0, Runhcs.execute("create-scratch", "--destpath", dest.toString(), "--sizeGB", "1"));
        assertEquals(1L << 30, VhdFooter.read(dest).dataSize());
        // Single-dash spellings as urfave/cli takes them; a non-default size ignores the cache.
        Path other = dir.resolve("other.vhdx");
        Path cache = dir.resolve("cache.vhdx");
        assertEquals(0, Runhcs.execute("create-scratch", "-destpath", other.toString(), "-sizeGB", "2",
                "-cache-path", cache.toString()));
        assertEquals(2L << 30, VhdFooter.read(other).dataSize());
        assertFalse(Files.exists(cache));
    }

    @Test
    void refusesBadInput() throws Exception {
        assertEquals(1, Runhcs.execute("create-scratch", "--sizeGB", "1"), "destpath is required");
        assertEquals(1, Runhcs.execute("create-scratch", "--destpath", dir.resolve("no/such.vhdx").toString()));
        assertEquals(1, Runhcs.execute("create-scratch", "--destpath", dir.resolve("n.vhdx").toString(),
                "--sizeGB", "-3"));
        assertEquals(2, Runhcs.execute("create-scratch", "--destpath", dir.resolve("n.vhdx").toString(),
                "--sizeGB", "ten"));
        assertFalse(Files.exists(dir.resolve("n.vhdx")));
        Path existing = Files.writeString(dir.resolve("e.vhdx"), "x");
        assertEquals(1, Runhcs.execute("create-scratch", "--destpath", existing.toString(), "--sizeGB", "1"));
        assertEquals("x", Files.readString(existing));
    }
}
