package io.hcs4j.ext4;

import static io.hcs4j.ext4.TarBuilder.dir;
import static io.hcs4j.ext4.TarBuilder.file;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Tar2Ext4Test {
    @TempDir
    Path dir;

    @BeforeAll
    static void tools() {
        E2fs.requireTools();
    }

    private Path convert(byte[] tar, Tar2Ext4.Options options) throws Exception {
        Path image = dir.resolve("layer.vhd");
        Tar2Ext4.convert(new ByteArrayInputStream(tar), image, options);
        return image;
    }

    private Path convertChecked(byte[] tar, Tar2Ext4.Options options) throws Exception {
        Path image = convert(tar, options);
        E2fs.assertClean(image);
        return image;
    }

    /** debugfs's answer with runs of blanks made one space, for matching. */
    private static String debugfs(Path image, String request) throws Exception {
        return E2fs.debugfs(image, request).replaceAll("[ \\t]+", " ");
    }

    @Test
    void everyKindOfEntryWithVhdFooter() throws Exception {
        byte[] big = new byte[3 * 4096 + 17];
        new java.util.Random(1).nextBytes(big);
        String longTarget = "t".repeat(200);
        byte[] tar = new TarBuilder()
                .add(dir("etc/"))
                .add(file("etc/hostname", "box\n").mode(0640).owner(1000, 100000))
                .add(new TarBuilder.Entry("etc/hard", '1').link("etc/hostname"))
                .add(new TarBuilder.Entry("etc/short", '2').link("hostname"))
                .add(new TarBuilder.Entry("etc/long", '2').link(longTarget))
                .add(new TarBuilder.Entry("dev/null", '3').device(1, 3).mode(0666))
                .add(new TarBuilder.Entry("dev/big", '4').device(259, 70000).mode(0660))
                .add(new TarBuilder.Entry("run/fifo", '6').mode(0600))
                .add(file("bin/tool", "").data(big).mode(04755))
                .add(file("xattrs", "x").xattr("user.small", "v".getBytes(StandardCharsets.UTF_8))
                        .xattr("security.capability", new byte[] {1, 0, 0, 2, 0, (byte) 0xff, 0, 0})
                        .xattr("user.large", "L".repeat(300).getBytes(StandardCharsets.UTF_8)))
                .add(file("times", "t").pax("mtime", "1700000123.5").pax("atime", "1600000000"))
                .build();

        Path image = convertChecked(tar, Tar2Ext4.Options.lcowLayer());

        VhdFooter footer = VhdFooter.read(image);
        assertEquals(Files.size(image) - VhdFooter.SIZE, footer.dataSize());
        assertEquals(0, footer.dataSize() % 4096);
        assertEquals("box\n", E2fs.debugfs(image, "cat /etc/hostname"));
        String hostname = debugfs(image, "stat /etc/hostname");
        assertTrue(hostname.contains("Type: regular Mode: 0640"), hostname);
        assertTrue(hostname.contains("User: 1000 Group: 100000"), hostname);
        assertTrue(hostname.contains("Links: 2"), hostname);
        assertEquals(debugfs(image, "stat /etc/hostname"), debugfs(image, "stat /etc/hard"), "one inode, two names");
        String shortLink = debugfs(image, "stat /etc/short");
        assertTrue(shortLink.contains("Type: symlink Mode: 0777") && shortLink.contains("Fast link dest: \"hostname\""),
                shortLink);
        assertTrue(debugfs(image, "stat /etc/long").contains("Size: 200"));
        assertEquals(longTarget, E2fs.debugfs(image, "cat /etc/long"));
        String devNull = debugfs(image, "stat /dev/null");
        assertTrue(devNull.contains("Type: character special Mode: 0666")
                && devNull.contains("Device major/minor number: 01:03"), devNull);
        String blockDev = debugfs(image, "stat /dev/big");
        assertTrue(blockDev.contains("Type: block special") && blockDev.contains("(hex 103:11170)"), blockDev);
        assertTrue(debugfs(image, "stat /run/fifo").contains("Type: FIFO Mode: 0600"));
        String tool = debugfs(image, "stat /bin/tool");
        assertTrue(tool.contains("Mode: 04755") && tool.contains("Size: " + big.length), tool);
        assertArrayEquals(big, E2fs.debugfs(image, "cat /bin/tool").getBytes(StandardCharsets.ISO_8859_1));
        String xattrs = debugfs(image, "ea_list /xattrs");
        assertTrue(xattrs.contains("user.small (1) = \"v\""), xattrs);
        assertTrue(xattrs.contains("security.capability (8)"), xattrs);
        assertTrue(xattrs.contains("user.large (300)"), xattrs);
        assertTrue(E2fs.debugfs(image, "ea_get /xattrs user.large").contains("L".repeat(300)));
        assertTrue(debugfs(image, "stat /xattrs").matches("(?s).*File ACL: [1-9].*"), "the large one is in a block");
        String times = debugfs(image, "stat /times");
        assertTrue(times.contains("mtime: 0x6553f17b:77359400"), times); // 0.5 s = 500000000 ns << 2
        assertTrue(times.contains("atime: 0x5f5e1000:00000000"), times);
        assertTrue(times.contains("crtime: 0x6553f17b:77359400"), times);
        String parents = debugfs(image, "stat /bin");
        assertTrue(parents.contains("Type: directory Mode: 0755"), "a missing parent takes its parent's mode: " + parents);
        assertTrue(debugfs(image, "stat /etc").contains("Links: 2"));
        assertTrue(debugfs(image, "ls -l /").contains("lost+found"));
    }

    @Test
    void whiteoutsAndOpaqueDirectoriesAsOverlayWants() throws Exception {
        byte[] tar = new TarBuilder()
                .add(dir("a/"))
                .add(file("a/.wh.gone", ""))
                .add(dir("b/"))
                .add(file("b/.wh..wh..opq", ""))
                .add(file("b/kept", "k"))
                .add(file(".wh..wh..opq", ""))
                .add(file("c/.wh.parentless", ""))
                .build();

        Path image = convertChecked(tar, Tar2Ext4.Options.lcowLayer());

        String gone = debugfs(image, "stat /a/gone");
        assertTrue(gone.contains("Type: character special Mode: 0000") && gone.contains("number: 00:00"), gone);
        assertFalse(debugfs(image, "ls /a").contains(".wh."));
        assertTrue(debugfs(image, "ea_list /b").contains("trusted.overlay.opaque (1) = \"y\""));
        assertTrue(debugfs(image, "ea_list /").contains("trusted.overlay.opaque (1) = \"y\""));
        assertEquals("k", E2fs.debugfs(image, "cat /b/kept"));
        assertTrue(debugfs(image, "stat /c/parentless").contains("character special"));

        Path plain = convertChecked(tar, Tar2Ext4.Options.defaults());
        assertTrue(debugfs(plain, "stat /a/.wh.gone").contains("Type: regular"), "no conversion without -overlay");
        assertFalse(debugfs(plain, "ea_list /b").contains("opaque"));
    }

    @Test
    void longNamesThroughPaxGnuAndRefusedComponents() throws Exception {
        String paxName = "p/" + "d".repeat(120) + "/" + "f".repeat(150);
        String gnuName = "g/" + "e".repeat(140);
        String gnuTarget = "h".repeat(130);
        byte[] tar = new TarBuilder()
                .add(file(paxName, "pax"))
                .add(file(gnuName, "gnu").gnuLongName())
                .add(new TarBuilder.Entry("g/link", '2').link(gnuTarget))
                .build();
        Path image = convertChecked(tar, Tar2Ext4.Options.defaults());
        assertEquals("pax", E2fs.debugfs(image, "cat /" + paxName));
        assertEquals("gnu", E2fs.debugfs(image, "cat /" + gnuName));
        assertEquals(gnuTarget, E2fs.debugfs(image, "cat /g/link"));

        Files.delete(image);
        byte[] tooLong = new TarBuilder().add(file("x/" + "n".repeat(256), "")).build();
        Ext4Exception e = assertThrows(Ext4Exception.class, () -> convert(tooLong, Tar2Ext4.Options.defaults()));
        assertTrue(e.getMessage().contains("longer than 255 bytes"), e.getMessage());
        assertNothingLeft();
    }

    @Test
    void manyFilesInOneDirectorySpanBlocksWithoutAnIndex() throws Exception {
        TarBuilder b = new TarBuilder().add(dir("many/"));
        for (int i = 0; i < 1500; i++) {
            b.add(file("many/file-with-a-longish-name-" + i, ""));
        }
        Path image = convertChecked(b.build(), Tar2Ext4.Options.defaults());
        String many = debugfs(image, "stat /many");
        assertTrue(many.contains("Flags: 0xc0000"), "extents, huge_file, no htree index: " + many);
        assertTrue(many.matches("(?s).*Size: (\\d{5,}).*"), many);
        String listing = E2fs.debugfs(image, "ls /many");
        assertTrue(listing.contains("file-with-a-longish-name-0 ") && listing.contains("file-with-a-longish-name-1499"));
    }

    @Test
    void fileOverFourExtentsUsesAnIndexBlock() throws Exception {
        long size = 4L * 128 * 1024 * 1024 + 5000; // 5 extents of 32768 blocks
        byte[] header = new TarBuilder().add(file("huge", "").claimedSize(size)).buildUnterminated();
        InputStream data = new InputStream() {
            long left = size;

            @Override
            public int read() {
                return left-- > 0 ? 0x5a : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                Arrays.fill(b, off, off + n, (byte) 0x5a);
                left -= n;
                return n;
            }
        };
        int pad = (int) ((512 - size % 512) % 512) + 1024;
        InputStream tar = new SequenceInputStream(new SequenceInputStream(new ByteArrayInputStream(header), data),
                new ByteArrayInputStream(new byte[pad]));
        Path image = dir.resolve("huge.img");
        Tar2Ext4.convert(tar, image, Tar2Ext4.Options.defaults());
        E2fs.assertClean(image);
        String huge = debugfs(image, "stat /huge");
        assertTrue(huge.contains("Size: " + size), huge);
        assertTrue(huge.contains("Level Entries") || huge.contains("EXTENTS:\n(ETB0)"), huge);
        assertTrue(E2fs.debugfs(image, "dump_extents /huge").contains("0/ 1"), "a depth-1 tree");
    }

    @Test
    void superblockHasHcsshimsLayout() throws Exception {
        Path image = convert(new TarBuilder().add(file("f", "x")).build(), Tar2Ext4.Options.defaults());
        ByteBuffer sb = ByteBuffer.allocate(1024).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel c = FileChannel.open(image)) {
            c.read(sb, 1024);
        }
        assertEquals((short) 0xef53, sb.getShort(56));
        assertEquals(2, sb.getInt(24), "4096-byte blocks");
        assertEquals(256, sb.getShort(88), "256-byte inodes");
        assertEquals(32768, sb.getInt(32));
        assertEquals(0x208, sb.getInt(92), "sparse_super2, ext_attr");
        assertEquals(0x242, sb.getInt(96), "filetype, extents, flex_bg");
        assertEquals(0x104a, sb.getInt(100), "large_file, huge_file, extra_isize, readonly");
        assertEquals(11, sb.getInt(0x268), "lost+found");
        assertEquals(31, sb.get(0x174), "log groups per flex");
        assertArrayEquals(new byte[16], Arrays.copyOfRange(sb.array(), 104, 120), "no UUID: the same tar gives the same image");
        assertEquals(sb.getInt(4) * 4096L, Files.size(image));

        Path again = dir.resolve("again.img");
        Tar2Ext4.convert(new ByteArrayInputStream(new TarBuilder().add(file("f", "x")).build()), again,
                Tar2Ext4.Options.defaults());
        assertEquals(-1, Files.mismatch(image, again), "deterministic");
    }

    @Test
    void inlineDataKeepsSmallFilesInTheInode() throws Exception {
        Path image = convertChecked(new TarBuilder().add(file("small", "s".repeat(100)))
                .add(file("tiny", "t")).build(), new Tar2Ext4.Options(false, false, false, false, true, 0));
        assertEquals("s".repeat(100), E2fs.debugfs(image, "cat /small"));
        assertTrue(debugfs(image, "stat /small").contains("Size of inline data: 100"));
    }

    @Test
    void backslashesConvertedWhenAsked() throws Exception {
        byte[] tar = new TarBuilder().add(file("win\\dir\\f", "w")).build();
        Path image = convertChecked(tar, new Tar2Ext4.Options(false, true, false, false, false, 0));
        assertEquals("w", E2fs.debugfs(image, "cat /win/dir/f"));
    }

    @Test
    void onlyVhdAppendsTheFooterToTheInputAsIs() throws Exception {
        byte[] raw = new byte[8192];
        Arrays.fill(raw, (byte) 3);
        Path out = convert(raw, new Tar2Ext4.Options(false, false, false, true, false, 0));
        assertEquals(8192, VhdFooter.read(out).dataSize());
        assertEquals(-1, Arrays.mismatch(raw, Arrays.copyOf(Files.readAllBytes(out), 8192)));
    }

    // ---- bad input: a clear error and no output file, not even a temporary one

    private void assertNothingLeft() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> left = files.toList();
            assertEquals(List.of(), left, "no partial output");
        }
    }

    @Test
    void truncatedTarIsRefused() throws Exception {
        byte[] tar = new TarBuilder().add(file("a", "x".repeat(3000))).build();
        TarFormatException inData = assertThrows(TarFormatException.class,
                () -> convert(Arrays.copyOf(tar, 1500), Tar2Ext4.Options.defaults()));
        assertTrue(inData.getMessage().contains("truncated") && inData.getMessage().contains("\"a\""),
                inData.getMessage());
        TarFormatException inHeader = assertThrows(TarFormatException.class,
                () -> convert(Arrays.copyOf(tar, 300), Tar2Ext4.Options.defaults()));
        assertTrue(inHeader.getMessage().contains("truncated tar stream: it ends at byte 300 in a header"),
                inHeader.getMessage());
        assertNothingLeft();
    }

    @Test
    void base256OwnersAndAStreamEndingAfterAPaxRecord() throws Exception {
        Path image = convertChecked(new TarBuilder().add(file("f", "x").owner(5_000_000, 4_000_000)).build(),
                Tar2Ext4.Options.defaults());
        assertTrue(debugfs(image, "stat /f").contains("User: 5000000 Group: 4000000"));
        Files.delete(image);

        byte[] withPax = new TarBuilder().add(file("p", "x").pax("mtime", "1")).buildUnterminated();
        byte[] paxOnly = Arrays.copyOf(withPax, 1024); // the 'x' header and its record, not the entry
        TarFormatException e = assertThrows(TarFormatException.class, () -> convert(paxOnly, Tar2Ext4.Options.defaults()));
        assertTrue(e.getMessage().contains("after a PAX or long-name record"), e.getMessage());
        assertNothingLeft();
    }

    @Test
    void junkInANumericFieldIsRefusedEvenWhereUnused() throws Exception {
        byte[] tar = new TarBuilder().add(file("a", "x")).build();
        tar[331] = '9'; // devmajor of a regular file: Go's reader parses (and refuses) it all the same
        Arrays.fill(tar, 148, 156, (byte) ' ');
        int sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += tar[i] & 0xff;
        }
        System.arraycopy(String.format("%06o\0 ", sum).getBytes(StandardCharsets.ISO_8859_1), 0, tar, 148, 8);
        TarFormatException e = assertThrows(TarFormatException.class, () -> convert(tar, Tar2Ext4.Options.defaults()));
        assertTrue(e.getMessage().contains("invalid tar header at byte 0: bad devmajor field"), e.getMessage());
        assertNothingLeft();
    }

    @Test
    void badChecksumIsRefused() throws Exception {
        byte[] tar = new TarBuilder().add(file("a", "x")).add(file("b", "y")).build();
        tar[1024 + 10] ^= 1; // inside the second header's name
        TarFormatException e = assertThrows(TarFormatException.class, () -> convert(tar, Tar2Ext4.Options.defaults()));
        assertTrue(e.getMessage().contains("invalid tar header at byte 1024: bad checksum"), e.getMessage());
        assertNothingLeft();
    }

    @Test
    void pathsEscapingTheRootAreRefused() throws Exception {
        byte[] up = new TarBuilder().add(file("a/../../etc/passwd", "x")).build();
        Ext4Exception e = assertThrows(Ext4Exception.class, () -> convert(up, Tar2Ext4.Options.defaults()));
        assertTrue(e.getMessage().contains("a/../../etc/passwd: path escapes the root"), e.getMessage());
        byte[] linkUp = new TarBuilder().add(new TarBuilder.Entry("l", '1').link("../outside")).build();
        Ext4Exception l = assertThrows(Ext4Exception.class, () -> convert(linkUp, Tar2Ext4.Options.defaults()));
        assertTrue(l.getMessage().contains("../outside: path escapes the root"), l.getMessage());
        assertNothingLeft();
    }

    @Test
    void fileBiggerThanTheMaximumDiskIsRefusedBeforeItsDataIsRead() throws Exception {
        byte[] tar = new TarBuilder().add(file("big", "").claimedSize(2L << 20)).buildUnterminated(); // no data follows
        Ext4Exception e = assertThrows(Ext4Exception.class,
                () -> convert(tar, new Tar2Ext4.Options(false, false, true, false, false, 1 << 20)));
        assertTrue(e.getMessage().contains("disk exceeded maximum size of 1048576 bytes"), e.getMessage());
        assertNothingLeft();
    }

    @Test
    void replacingWrittenDataOrOrphaningIsRefusedAndAFailedRunKeepsTheOldOutput() throws Exception {
        Path image = dir.resolve("layer.vhd");
        Files.writeString(image, "previous");
        byte[] twice = new TarBuilder().add(file("f", "one")).add(file("f", "two")).build();
        Ext4Exception e = assertThrows(Ext4Exception.class, () -> convert(twice, Tar2Ext4.Options.defaults()));
        assertTrue(e.getMessage().contains("f: cannot overwrite file with non-inline data"), e.getMessage());
        assertEquals("previous", Files.readString(image));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(image), files.toList());
        }
        byte[] orphan = new TarBuilder().add(file("f", "one")).add(new TarBuilder.Entry("f", '1').link("f")).build();
        Ext4Exception o = assertThrows(Ext4Exception.class, () -> convert(orphan, Tar2Ext4.Options.defaults()));
        assertTrue(o.getMessage().contains("cannot orphan"), o.getMessage());
    }

    @Test
    void emptyFileTwiceAndDirectoriesMerge() throws Exception {
        byte[] tar = new TarBuilder().add(file("e", "")).add(file("e", "").mode(0600))
                .add(dir("d/").mode(0700)).add(dir("d/").mode(0711)).build();
        Path image = convertChecked(tar, Tar2Ext4.Options.defaults());
        assertTrue(debugfs(image, "stat /e").contains("Mode: 0600"));
        assertTrue(debugfs(image, "stat /d").contains("Mode: 0711"));
    }

    // ---- the command

    private int command(String... args) {
        return Tar2Ext4.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void commandTakesHcsshimsFlags() throws Exception {
        Path tar = dir.resolve("in.tar");
        Files.write(tar, new TarBuilder().add(file(".wh.x", "")).build());
        Path out = dir.resolve("out.vhd");
        assertEquals(0, command("-i", tar.toString(), "-o", out.toString(), "-vhd", "-overlay"), err.toString());
        assertTrue(VhdFooter.read(out).dataSize() > 0);
        assertTrue(debugfs(out, "stat /x").contains("character special"));
        assertEquals(0, command("--i=" + tar, "--o=" + out, "-vhd=false"), err.toString());
        assertThrows(VhdFormatException.class, () -> VhdFooter.read(out));
    }

    @Test
    void commandRefusesBadUse() {
        assertEquals(1, command("-i", "x.tar"));
        assertTrue(err.toString().contains("Usage: tar2ext4"));
        assertEquals(2, command("-o", "x", "-bogus"));
        assertTrue(err.toString().contains("flag provided but not defined: -bogus"));
        err.reset();
        assertEquals(1, command("-i", dir.resolve("missing.tar").toString(), "-o", dir.resolve("o").toString()));
        assertTrue(err.toString().startsWith("tar2ext4: ") && err.toString().contains("missing.tar"), err.toString());
    }
}
