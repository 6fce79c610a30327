package io.hcs4j.ext4;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The 512-byte footer that makes a raw disk image a fixed VHD: the data is the image itself, the footer follows it.
 *
 * <p>Written as hcsshim's {@code ext4/tar2ext4/vhdfooter.go} writes it (big-endian): cookie {@code "conectix"},
 * features 2, format version 0x00010000, data offset -1 (fixed), creator version 0x000a0000, original and current size
 * the data size, disk type 2 (fixed), a random unique id, and zero time stamp, creator application, creator host OS
 * and disk geometry; the checksum is the ones' complement of the byte sum of the footer with the checksum field zero.
 * Reading checks the cookie, the checksum, the disk type and that the current size is the data before the footer.
 */
public final class VhdFooter {
    /** Bytes in the footer. */
    public static final int SIZE = 512;

    private static final byte[] COOKIE = "conectix".getBytes(StandardCharsets.US_ASCII);
    private static final int FEATURES = 0x2;
    private static final int FORMAT_VERSION = 0x00010000;
    private static final long FIXED_DATA_OFFSET = -1L;
    private static final int CREATOR_VERSION = 0x000a0000;
    private static final int DISK_TYPE_FIXED = 2;
    // Field offsets inside the footer.
    private static final int ORIGINAL_SIZE = 40;
    private static final int CURRENT_SIZE = 48;
    private static final int DISK_TYPE = 60;
    private static final int CHECKSUM = 64;
    private static final int UNIQUE_ID = 68;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final long dataSize;
    private final byte[] uniqueId;

    private VhdFooter(long dataSize, byte[] uniqueId) {
        this.dataSize = dataSize;
        this.uniqueId = uniqueId;
    }

    /** Bytes of disk data before the footer (the footer's current size). */
    public long dataSize() {
        return dataSize;
    }

    /** The footer's 16-byte unique id. */
    public byte[] uniqueId() {
        return uniqueId.clone();
    }

    /** Reads and checks the footer at the end of {@code file}; a missing or corrupt one is a {@link VhdFormatException}. */
    public static VhdFooter read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long length = channel.size();
            if (length < SIZE) {
                throw new VhdFormatException(file, "too short for a VHD footer (" + length + " bytes)");
            }
            ByteBuffer footer = ByteBuffer.allocate(SIZE);
            while (footer.hasRemaining()) {
                if (channel.read(footer, length - SIZE + footer.position()) < 0) {
                    throw new VhdFormatException(file, "truncated while reading the VHD footer");
                }
            }
            return decode(file, footer.array(), length - SIZE);
        }
    }

    /** Appends a fixed-VHD footer for the data now in {@code file} (its whole length) and returns it. */
    public static VhdFooter append(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            return append(channel);
        }
    }

    /** Appends a fixed-VHD footer after the data now in {@code channel} (its whole size) and returns it. */
    public static VhdFooter append(FileChannel channel) throws IOException {
        byte[] uniqueId = new byte[16];
        RANDOM.nextBytes(uniqueId);
        VhdFooter footer = new VhdFooter(channel.size(), uniqueId);
        ByteBuffer bytes = ByteBuffer.wrap(footer.encode());
        long at = channel.size();
        while (bytes.hasRemaining()) {
            at += channel.write(bytes, at);
        }
        return footer;
    }

    /** The footer's 512 bytes. */
    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(SIZE);
        b.put(COOKIE).putInt(FEATURES).putInt(FORMAT_VERSION).putLong(FIXED_DATA_OFFSET);
        b.putInt(0);                      // time stamp
        b.putInt(0);                      // creator application
        b.putInt(CREATOR_VERSION);
        b.putInt(0);                      // creator host OS
        b.putLong(ORIGINAL_SIZE, dataSize).putLong(CURRENT_SIZE, dataSize);
        b.putInt(DISK_TYPE, DISK_TYPE_FIXED);
        b.put(UNIQUE_ID, uniqueId);
        byte[] bytes = b.array();
        ByteBuffer.wrap(bytes).putInt(CHECKSUM, checksum(bytes));
        return bytes;
    }

    private static VhdFooter decode(Path file, byte[] bytes, long dataBefore) throws VhdFormatException {
        if (!Arrays.equals(bytes, 0, COOKIE.length, COOKIE, 0, COOKIE.length)) {
            throw new VhdFormatException(file, "no VHD footer (cookie \"conectix\" missing at the last 512 bytes)");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int stored = b.getInt(CHECKSUM);
        int computed = checksum(bytes);
        if (stored != computed) {
            throw new VhdFormatException(file, String.format(
                    "corrupt VHD footer: checksum 0x%08x, computed 0x%08x", stored, computed));
        }
        int diskType = b.getInt(DISK_TYPE);
        if (diskType != DISK_TYPE_FIXED) {
            throw new VhdFormatException(file, "not a fixed VHD (disk type " + diskType + ")");
        }
        long currentSize = b.getLong(CURRENT_SIZE);
        if (currentSize != dataBefore) {
            throw new VhdFormatException(file, "VHD footer says " + currentSize
                    + " bytes of disk but " + dataBefore + " bytes precede it");
        }
        return new VhdFooter(currentSize, Arrays.copyOfRange(bytes, UNIQUE_ID, UNIQUE_ID + 16));
    }

    /** Ones' complement of the sum of all bytes, the checksum field counted as zero. */
    private static int checksum(byte[] footer) {
        int sum = 0;
        for (int i = 0; i < SIZE; i++) {
            if (i < CHECKSUM || i >= CHECKSUM + 4) {
                sum += footer[i] & 0xff;
            }
        }
        return ~sum;
    }
}
