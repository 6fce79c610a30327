package io.hcs4j.ext4;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a tar stream (v7, ustar, PAX, GNU) entry by entry as Go's {@code archive/tar} reads it, which is what
 * hcsshim's tar2ext4 sees: PAX records ({@code x}) and GNU long names ({@code L}, {@code K}) apply to the next
 * entry, a ustar prefix is joined to the name, type {@code '\0'} is a directory when the name ends in '/' and a
 * regular file otherwise, header-only types (links, devices, directories, fifos) have no data, GNU atime/ctime are
 * read when set, numbers are octal or base-256 (device numbers are parsed, so checked, in every ustar/GNU header). The checksum is checked (unsigned or signed sum). Names are byte
 * strings (one char per byte, ISO-8859-1). Global PAX headers ({@code g}) are skipped (Go returns them as entries,
 * which tar2ext4 would turn into a stray empty file); sparse files are refused.
 */
final class TarReader {
    private static final int BLOCK = 512;
    /** Go's limit on the size of a PAX or GNU long-name record. */
    private static final int MAX_SPECIAL_FILE_SIZE = 1 << 20;

    /** One entry's header, as Go's {@code tar.Header} after its reader's fix-ups. */
    record Entry(String name, String linkname, char type, long mode, long uid, long gid, long size, Instant mtime,
                 Instant atime, Instant ctime, long devmajor, long devminor, Map<String, byte[]> paxRecords) {
        boolean headerOnly() {
            return switch (type) {
                case '1', '2', '3', '4', '5', '6' -> true;
                default -> false;
            };
        }
    }

    private final InputStream in;
    private final byte[] block = new byte[BLOCK];
    private long offset;
    private long dataLeft;
    private long padding;
    private Entry current;

    TarReader(InputStream in) {
        this.in = in;
    }

    /** The next entry, or null at the end of the archive. */
    Entry next() throws IOException {
        skip(dataLeft + padding);
        dataLeft = 0;
        padding = 0;
        Map<String, byte[]> pax = new LinkedHashMap<>();
        String longName = null;
        String longLink = null;
        while (true) {
            long headerAt = offset;
            if (!readHeaderBlock()) {
                if (!pax.isEmpty() || longName != null || longLink != null) {
                    throw truncated("after a PAX or long-name record, before its entry");
                }
                return null;
            }
            if (isZero(block)) {
                if (!readHeaderBlock()) {
                    return null;
                }
                if (isZero(block)) {
                    return null;
                }
                throw new TarFormatException("invalid tar header at byte " + offset + " after an end-of-archive block");
            }
            Header h = parseHeader(headerAt);
            switch (h.type) {
                case 'x', 'g' -> {
                    Map<String, byte[]> records = parsePax(readSpecial(h, headerAt), headerAt);
                    if (h.type == 'x') {
                        pax.putAll(records);
                    }
                    continue;
                }
                case 'L' -> {
                    longName = cString(readSpecial(h, headerAt));
                    continue;
                }
                case 'K' -> {
                    longLink = cString(readSpecial(h, headerAt));
                    continue;
                }
                case 'S' -> throw new TarFormatException("sparse file \"" + Ext4Writer.display(h.name)
                        + "\" (GNU sparse entries are not supported)");
                default -> { }
            }
            for (String key : pax.keySet()) {
                if (key.startsWith("GNU.sparse.")) {
                    throw new TarFormatException("sparse file \"" + Ext4Writer.display(h.name)
                            + "\" (PAX sparse entries are not supported)");
                }
            }
            current = merge(h, pax, longName, longLink, headerAt);
            dataLeft = current.headerOnly() ? 0 : current.size();
            padding = (BLOCK - dataLeft % BLOCK) % BLOCK;
            return current;
        }
    }

    /** Reads the current entry's data; -1 at its end; a stream ending early is a {@link TarFormatException}. */
    int read(byte[] b, int off, int len) throws IOException {
        if (dataLeft == 0) {
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, dataLeft));
        if (n < 0) {
            throw truncated("in the data of \"" + Ext4Writer.display(current.name()) + "\"");
        }
        offset += n;
        dataLeft -= n;
        return n;
    }

    private boolean readHeaderBlock() throws IOException {
        int n = in.readNBytes(block, 0, BLOCK);
        offset += n;
        if (n == 0) {
            return false;
        }
        if (n < BLOCK) {
            throw truncated("in a header");
        }
        return true;
    }

    private TarFormatException truncated(String where) {
        return new TarFormatException("truncated tar stream: it ends at byte " + offset + " " + where);
    }

    private void skip(long n) throws IOException {
        byte[] scratch = new byte[8192];
        while (n > 0) {
            int r = in.read(scratch, 0, (int) Math.min(n, scratch.length));
            if (r < 0) {
                throw truncated("in the data of \"" + Ext4Writer.display(current.name()) + "\"");
            }
            offset += r;
            n -= r;
        }
    }

    private byte[] readSpecial(Header h, long headerAt) throws IOException {
        if (h.size > MAX_SPECIAL_FILE_SIZE) {
            throw new TarFormatException("tar header at byte " + headerAt + ": special record of " + h.size
                    + " bytes (limit " + MAX_SPECIAL_FILE_SIZE + ")");
        }
        byte[] data = in.readNBytes((int) h.size);
        offset += data.length;
        if (data.length < h.size) {
            throw truncated("in a PAX or long-name record");
        }
        long pad = (BLOCK - h.size % BLOCK) % BLOCK;
        byte[] padBytes = in.readNBytes((int) pad);
        offset += padBytes.length;
        if (padBytes.length < pad) {
            throw truncated("in a PAX or long-name record");
        }
        return data;
    }

    private record Header(String name, String linkname, char type, long mode, long uid, long gid, long size,
                          long mtime, Instant atime, Instant ctime, long devmajor, long devminor) { }

    private Header parseHeader(long at) throws TarFormatException {
        long stored = parseOctal(148, 8, at, "checksum");
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            int c = (i >= 148 && i < 156) ? ' ' : block[i];
            unsigned += c & 0xff;
            signed += (i >= 148 && i < 156) ? ' ' : c;
        }
        if (stored != unsigned && stored != signed) {
            throw new TarFormatException("invalid tar header at byte " + at + ": bad checksum (stored " + stored
                    + ", computed " + unsigned + ")");
        }
        String magic = new String(block, 257, 6, StandardCharsets.ISO_8859_1);
        String version = new String(block, 263, 2, StandardCharsets.ISO_8859_1);
        boolean ustar = magic.equals("ustar\0") && version.equals("00");
        boolean gnu = magic.equals("ustar ") && version.equals(" \0");
        String name = field(0, 100);
        if (ustar) {
            String prefix = field(345, 155);
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
        }
        char type = (char) (block[156] & 0xff);
        long devmajor = 0;
        long devminor = 0;
        if (ustar || gnu) {
            devmajor = parseNumeric(329, 8, at, "devmajor");
            devminor = parseNumeric(337, 8, at, "devminor");
        }
        Instant atime = null;
        Instant ctime = null;
        if (gnu) {
            if (block[345] != 0) {
                atime = Instant.ofEpochSecond(parseNumeric(345, 12, at, "atime"));
            }
            if (block[357] != 0) {
                ctime = Instant.ofEpochSecond(parseNumeric(357, 12, at, "ctime"));
            }
        }
        long size = parseNumeric(124, 12, at, "size");
        if (size < 0) {
            throw new TarFormatException("invalid tar header at byte " + at + ": negative size");
        }
        return new Header(name, field(157, 100), type, parseNumeric(100, 8, at, "mode"),
                parseNumeric(108, 8, at, "uid"), parseNumeric(116, 8, at, "gid"), size,
                parseNumeric(136, 12, at, "mtime"), atime, ctime, devmajor, devminor);
    }

    private Entry merge(Header h, Map<String, byte[]> pax, String longName, String longLink, long at)
            throws TarFormatException {
        String name = h.name;
        String linkname = h.linkname;
        long uid = h.uid;
        long gid = h.gid;
        long size = h.size;
        Instant mtime = Instant.ofEpochSecond(h.mtime);
        Instant atime = h.atime;
        Instant ctime = h.ctime;
        for (Map.Entry<String, byte[]> r : pax.entrySet()) {
            String value = new String(r.getValue(), StandardCharsets.ISO_8859_1);
            switch (r.getKey()) {
                case "path" -> name = value;
                case "linkpath" -> linkname = value;
                case "uid" -> uid = paxInt(r.getKey(), value, at);
                case "gid" -> gid = paxInt(r.getKey(), value, at);
                case "size" -> size = paxInt(r.getKey(), value, at);
                case "mtime" -> mtime = paxTime(r.getKey(), value, at);
                case "atime" -> atime = paxTime(r.getKey(), value, at);
                case "ctime" -> ctime = paxTime(r.getKey(), value, at);
                default -> { }
            }
        }
        if (size < 0) {
            throw new TarFormatException("invalid PAX size for the entry at byte " + at);
        }
        if (longName != null && !longName.isEmpty()) {
            name = longName;
        }
        if (longLink != null && !longLink.isEmpty()) {
            linkname = longLink;
        }
        char type = h.type;
        if (type == '\0') {
            type = name.endsWith("/") ? '5' : '0';
        }
        boolean device = type == '3' || type == '4';
        return new Entry(name, linkname, type, h.mode, uid, gid, size, mtime, atime, ctime, device ? h.devmajor : 0,
                device ? h.devminor : 0, pax);
    }

    /** PAX records: {@code "<length> <key>=<value>\n"}, the length counting the whole record. */
    private static Map<String, byte[]> parsePax(byte[] data, long at) throws TarFormatException {
        Map<String, byte[]> records = new LinkedHashMap<>();
        int i = 0;
        while (i < data.length) {
            int space = i;
            while (space < data.length && data[space] != ' ') {
                space++;
            }
            long length;
            try {
                length = Long.parseLong(new String(data, i, space - i, StandardCharsets.ISO_8859_1));
            } catch (NumberFormatException e) {
                throw badPax(at);
            }
            if (length <= space - i + 1 || i + length > data.length || data[(int) (i + length - 1)] != '\n') {
                throw badPax(at);
            }
            int recordEnd = (int) (i + length - 1);
            int eq = space + 1;
            while (eq < recordEnd && data[eq] != '=') {
                eq++;
            }
            if (eq == recordEnd || eq == space + 1) {
                throw badPax(at);
            }
            records.put(new String(data, space + 1, eq - space - 1, StandardCharsets.ISO_8859_1),
                    Arrays.copyOfRange(data, eq + 1, recordEnd));
            i = recordEnd + 1;
        }
        return records;
    }

    private static TarFormatException badPax(long at) {
        return new TarFormatException("invalid PAX record in the header at byte " + at);
    }

    private static long paxInt(String key, String value, long at) throws TarFormatException {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new TarFormatException("invalid PAX " + key + " \"" + value + "\" in the header at byte " + at);
        }
    }

    /** {@code seconds[.fraction]}, the fraction cut to nanoseconds, as Go's {@code parsePAXTime}. */
    private static Instant paxTime(String key, String value, long at) throws TarFormatException {
        try {
            int dot = value.indexOf('.');
            String secs = dot < 0 ? value : value.substring(0, dot);
            long seconds = Long.parseLong(secs);
            if (dot < 0) {
                return Instant.ofEpochSecond(seconds);
            }
            String frac = value.substring(dot + 1);
            if (!frac.chars().allMatch(Character::isDigit)) {
                throw new NumberFormatException(frac);
            }
            frac = (frac + "000000000").substring(0, 9);
            long nanos = Long.parseLong(frac);
            return Instant.ofEpochSecond(seconds, secs.startsWith("-") ? -nanos : nanos);
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new TarFormatException("invalid PAX " + key + " \"" + value + "\" in the header at byte " + at);
        }
    }

    private String field(int off, int len) {
        int end = off;
        while (end < off + len && block[end] != 0) {
            end++;
        }
        return new String(block, off, end - off, StandardCharsets.ISO_8859_1);
    }

    private static String cString(byte[] b) {
        int end = 0;
        while (end < b.length && b[end] != 0) {
            end++;
        }
        return new String(b, 0, end, StandardCharsets.ISO_8859_1);
    }

    /** Octal (spaces and NULs around it ignored), or base-256 two's complement when the first byte's top bit is set. */
    private long parseNumeric(int off, int len, long at, String what) throws TarFormatException {
        if ((block[off] & 0x80) == 0) {
            return parseOctal(off, len, at, what);
        }
        int invert = (block[off] & 0x40) != 0 ? 0xff : 0; // negative: work on the complement
        long x = 0;
        for (int i = 0; i < len; i++) {
            int c = (block[off + i] ^ invert) & (i == 0 ? 0x7f : 0xff);
            if ((x >>> 56) != 0) {
                throw new TarFormatException("invalid tar header at byte " + at + ": " + what + " overflows");
            }
            x = (x << 8) | c;
        }
        if (x < 0) {
            throw new TarFormatException("invalid tar header at byte " + at + ": " + what + " overflows");
        }
        return invert != 0 ? ~x : x;
    }

    private long parseOctal(int off, int len, long at, String what) throws TarFormatException {
        int start = off;
        int end = off + len;
        while (start < end && (block[start] == ' ' || block[start] == 0)) {
            start++;
        }
        while (end > start && (block[end - 1] == ' ' || block[end - 1] == 0)) {
            end--;
        }
        if (start == end) {
            return 0;
        }
        try {
            return Long.parseUnsignedLong(new String(block, start, end - start, StandardCharsets.ISO_8859_1), 8);
        } catch (NumberFormatException e) {
            throw new TarFormatException("invalid tar header at byte " + at + ": bad " + what + " field");
        }
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
