package io.hcs4j.runhcs.scratch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hcsshim's create-scratch rules: default size, the cache only for the default size, copy vs create. */
class CreateScratchTest {
    @TempDir
    Path dir;

    /** Records the calls; create and copy make small files so the rules can see them. */
    static final class RecordingDisks implements ScratchDisks {
        final List<String> calls = new ArrayList<>();

        @Override
        public void create(Path dest, int sizeGb) throws IOException {
            calls.add("create " + dest.getFileName() + " " + sizeGb);
            Files.writeString(dest, "disk " + sizeGb);
        }

        @Override
        public void copy(Path from, Path to, boolean replace) throws IOException {
            calls.add("copy " + from.getFileName() + " " + to.getFileName() + " " + replace);
            Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private final RecordingDisks disks = new RecordingDisks();

    @Test
    void sizeZeroIsTheDefaultTwentyGb() throws IOException {
        CreateScratch.run(disks, dir.resolve("a.vhdx"), 0, null);
        CreateScratch.run(disks, dir.resolve("b.vhdx"), 5, null);
        assertEquals(List.of("create a.vhdx 20", "create b.vhdx 5"), disks.calls);
    }

    @Test
    void defaultSizeSeedsAMissingCacheThenCopiesFromIt() throws IOException {
        Path cache = dir.resolve("cache.vhdx");
        CreateScratch.run(disks, dir.resolve("a.vhdx"), 0, cache);
        assertEquals(List.of("create a.vhdx 20", "copy a.vhdx cache.vhdx false"), disks.calls);
        disks.calls.clear();
        Path b = dir.resolve("b.vhdx");
        Files.writeString(b, "old");
        CreateScratch.run(disks, b, 20, cache);
        assertEquals(List.of("copy cache.vhdx b.vhdx true"), disks.calls, "from the cache, replacing the target");
        assertEquals("disk 20", Files.readString(b));
    }

    @Test
    void otherSizesLeaveTheCacheAlone() throws IOException {
        Path cache = dir.resolve("cache.vhdx");
        Files.writeString(cache, "cached");
        CreateScratch.run(disks, dir.resolve("a.vhdx"), 1, cache);
        assertEquals(List.of("create a.vhdx 1"), disks.calls);
        assertEquals("cached", Files.readString(cache));
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsMade() throws IOException {
        IOException noDir = assertThrows(IOException.class,
                () -> CreateScratch.run(disks, dir.resolve("missing/a.vhdx"), 1, null));
        assertTrue(noDir.getMessage().contains("missing does not exist"), noDir.getMessage());
        Path existing = dir.resolve("e.vhdx");
        Files.writeString(existing, "mine");
        assertThrows(FileAlreadyExistsException.class, () -> CreateScratch.run(disks, existing, 1, null));
        assertEquals("mine", Files.readString(existing));
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> CreateScratch.run(disks, dir.resolve("n.vhdx"), -1, null));
        assertTrue(negative.getMessage().contains("invalid --sizeGB -1"));
        assertThrows(IllegalArgumentException.class,
                () -> CreateScratch.run(disks, dir.resolve("n.vhdx"), 1L << 40, null));
        assertEquals(List.of(), disks.calls);
    }
}
