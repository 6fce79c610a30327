package io.hcs4j.ext4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VhdFooterTest {
    @TempDir
    Path dir;

    @Test
    void appendedFooterHasHcsshimsFieldsAndReadsBack() throws IOException {
        Path image = dir.resolve("layer.vhd");
        byte[] data = new byte[3 * 4096];
        Arrays.fill(data, (byte) 7);
        Files.write(image, data);

        VhdFooter written = VhdFooter.append(image);

        assertEquals(data.length + VhdFooter.SIZE, Files.size(image));
        byte[] all = Files.readAllBytes(image);
        ByteBuffer f = ByteBuffer.wrap(all, data.length, VhdFooter.SIZE).slice();
        assertEquals("conectix", new String(all, data.length, 8, StandardCharsets.US_ASCII));
        assertEquals(2, f.getInt(8));                    // features
        assertEquals(0x00010000, f.getInt(12));          // file format version
        assertEquals(-1L, f.getLong(16));                // data offset: fixed
        assertEquals(0, f.getInt(24));                   // time stamp (hcsshim leaves it zero)
        assertEquals(0x000a0000, f.getInt(32));          // creator version
        assertEquals(data.length, f.getLong(40));        // original size
        assertEquals(data.length, f.getLong(48));        // current size
        assertEquals(2, f.getInt(60));                   // disk type fixed
        int sum = 0;
        for (int i = 0; i < VhdFooter.SIZE; i++) {
            sum += (i >= 64 && i < 68) ? 0 : all[data.length + i] & 0xff;
        }
        assertEquals(~sum, f.getInt(64));

        VhdFooter read = VhdFooter.read(image);
        assertEquals(data.length, read.dataSize());
        assertArrayEquals(written.uniqueId(), read.uniqueId());
        assertEquals(16, read.uniqueId().length);
    }

    @Test
    void missingFooterNamesTheFile() throws IOException {
        Path image = dir.resolve("raw.img");
        Files.write(image, new byte[4096]);
        VhdFormatException e = assertThrows(VhdFormatException.class, () -> VhdFooter.read(image));
        assertEquals(image, e.file());
        assertTrue(e.getMessage().contains(image.toString()) && e.getMessage().contains("conectix"), e.getMessage());
    }

    @Test
    void tooShortFileIsRefused() throws IOException {
        Path image = dir.resolve("short.vhd");
        Files.write(image, new byte[100]);
        VhdFormatException e = assertThrows(VhdFormatException.class, () -> VhdFooter.read(image));
        assertTrue(e.getMessage().contains("too short"), e.getMessage());
    }

    @Test
    void corruptChecksumIsRefused() throws IOException {
        Path image = footered(4096);
        flipByte(image, 4096 + 100);                     // inside the reserved area: only the checksum sees it
        VhdFormatException e = assertThrows(VhdFormatException.class, () -> VhdFooter.read(image));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void sizeNotMatchingTheDataIsRefused() throws IOException {
        Path image = footered(4096);
        byte[] all = Files.readAllBytes(image);
        byte[] longer = new byte[all.length + 512];
        System.arraycopy(all, 0, longer, 512, all.length); // the data grew in front of the footer
        Files.write(image, longer);
        VhdFormatException e = assertThrows(VhdFormatException.class, () -> VhdFooter.read(image));
        assertTrue(e.getMessage().contains("4096 bytes of disk but 4608"), e.getMessage());
    }

    @Test
    void dynamicDiskTypeIsRefused() throws IOException {
        Path image = footered(4096);
        byte[] all = Files.readAllBytes(image);
        ByteBuffer f = ByteBuffer.wrap(all, 4096, 512).slice();
        f.putInt(60, 3);                                 // dynamic
        f.putInt(64, 0);
        int sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += all[4096 + i] & 0xff;
        }
        f.putInt(64, ~sum);
        Files.write(image, all);
        VhdFormatException e = assertThrows(VhdFormatException.class, () -> VhdFooter.read(image));
        assertTrue(e.getMessage().contains("not a fixed VHD (disk type 3)"), e.getMessage());
    }

    @Test
    void missingFileIsNoSuchFile() {
        assertThrows(java.nio.file.NoSuchFileException.class, () -> VhdFooter.read(dir.resolve("absent.vhd")));
    }

    private Path footered(int dataSize) throws IOException {
        Path image = dir.resolve("d" + dataSize + ".vhd");
        Files.write(image, new byte[dataSize]);
        VhdFooter.append(image);
        return image;
    }

    private static void flipByte(Path file, long at) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0xff);
        }
    }
}
