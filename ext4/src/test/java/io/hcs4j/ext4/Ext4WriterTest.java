package io.hcs4j.ext4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer's own rules, as hcsshim's compactext4 has them, without a tar in between. */
class Ext4WriterTest {
    @TempDir
    Path dir;

    private interface Body {
        void write(Ext4Writer w) throws Exception;
    }

    private Path image(Body body) throws Exception {
        Path image = dir.resolve("fs.img");
        Files.deleteIfExists(image);
        try (FileChannel out = FileChannel.open(image, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            Ext4Writer w = new Ext4Writer(out, 0, false);
            body.write(w);
            long size = w.finish();
            assertEquals(size, Files.size(image));
        }
        E2fs.assertClean(image);
        return image;
    }

    private static Ext4File regular(long size) {
        return new Ext4File(Ext4File.S_IFREG | 0644, 0, 0, 0, 0, 0, 0, size, "", 0, 0, null);
    }

    @Test
    void anEmptyFileSystemHasRootAndLostAndFound() throws Exception {
        Path image = image(w -> { });
        String root = E2fs.debugfs(image, "ls -l /");
        assertTrue(root.contains("lost+found"), root);
        assertTrue(E2fs.debugfs(image, "stat /").contains("Links: 3"), "., .. and lost+found's ..");
    }

    @Test
    void statGivesBackWhatWasCreatedAndMergesXattrs() throws Exception {
        image(w -> {
            w.create("d", Ext4File.of(Ext4File.S_IFDIR | 0750).withXattrs(Map.of("user.a", new byte[] {1})));
            Ext4File d = w.stat("d");
            assertEquals(Ext4File.S_IFDIR | 0750, d.mode());
            assertArrayEquals(new byte[] {1}, d.xattrs().get("user.a"));
            // Created again without it, the in-inode attribute stays (hcsshim's merge).
            w.create("d", Ext4File.of(Ext4File.S_IFDIR | 0700).withXattrs(Map.of("user.b", new byte[] {2})));
            assertEquals(2, w.stat("d").xattrs().size());
            w.create("s", new Ext4File(Ext4File.S_IFLNK, 0, 0, 0, 0, 0, 0, 0, "target", 0, 0, null));
            assertEquals("target", w.stat("s").linkname());
            assertEquals(Ext4File.S_IFLNK | 0777, w.stat("s").mode(), "symlinks are rwx for all");
            w.create("long", new Ext4File(Ext4File.S_IFLNK, 0, 0, 0, 0, 0, 0, 0, "t".repeat(60), 0, 0, null));
            Ext4Exception e = assertThrows(Ext4Exception.class, () -> w.stat("long"));
            assertTrue(e.getMessage().contains("cannot retrieve link information"));
        });
    }

    @Test
    void conflictingEntriesAreRefusedWithTheirName() throws Exception {
        image(w -> {
            w.create("dir", Ext4File.of(Ext4File.S_IFDIR | 0755));
            w.create("file", regular(3));
            w.write("abc".getBytes(StandardCharsets.UTF_8), 0, 3);
            assertTrue(assertThrows(Ext4Exception.class, () -> w.create("dir", regular(0))).getMessage()
                    .contains("dir: cannot replace a directory with a file"));
            assertTrue(assertThrows(Ext4Exception.class, () -> w.create("file", Ext4File.of(Ext4File.S_IFDIR)))
                    .getMessage().contains("file: cannot replace a file with a directory"));
            assertTrue(assertThrows(Ext4Exception.class, () -> w.link("dir", "l")).getMessage()
                    .contains("l: link target cannot be a directory: dir"));
            assertTrue(assertThrows(Ext4Exception.class, () -> w.link("absent", "l")).getMessage()
                    .contains("absent: file not found"));
            assertTrue(assertThrows(Ext4Exception.class, () -> w.create("file/x", regular(0))).getMessage()
                    .contains("file/x: path not found"));
            assertTrue(assertThrows(Ext4Exception.class, () -> w.create("x", Ext4File.of(0170000))).getMessage()
                    .contains("x: invalid mode"));
        });
    }

    @Test
    void dataMustMatchTheDeclaredSize() throws Exception {
        Path image = dir.resolve("bad.img");
        try (FileChannel out = FileChannel.open(image, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            Ext4Writer w = new Ext4Writer(out, 0, false);
            w.create("f", regular(2));
            assertTrue(assertThrows(Ext4Exception.class, () -> w.write(new byte[3], 0, 3)).getMessage()
                    .contains("f: wrote too much: 3 > 2"));
            w.write(new byte[1], 0, 1);
            assertTrue(assertThrows(Ext4Exception.class, w::finish).getMessage()
                    .contains("f: did not write the right amount: 1 != 2"));
        }
    }

    @Test
    void hardLinkToASymlinkLinksTheSymlinkItself() throws Exception {
        Path image = image(w -> {
            w.create("s", new Ext4File(Ext4File.S_IFLNK, 0, 0, 0, 0, 0, 0, 0, "nowhere", 0, 0, null));
            w.link("s", "h");
        });
        String h = E2fs.debugfs(image, "stat /h");
        assertTrue(h.contains("Type: symlink") && h.matches("(?s).*Links: 2.*"), h);
    }
}
