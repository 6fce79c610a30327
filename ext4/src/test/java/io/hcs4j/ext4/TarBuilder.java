package io.hcs4j.ext4;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes small tar streams for tests: ustar headers, PAX records, GNU long names, with control over every field. */
final class TarBuilder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final long mtime = 1_700_000_000L;

    /** One entry's header fields; {@link #pax} records go in an 'x' header before it. */
    static final class Entry {
        String name;
        char type = '0';
        int mode = 0644;
        long uid;
        long gid;
        String linkname = "";
        byte[] data = new byte[0];
        long size = -1; // -1: the data's length
        int devmajor;
        int devminor;
        final Map<String, byte[]> pax = new LinkedHashMap<>();
        boolean gnuLongName;

        Entry(String name, char type) {
            this.name = name;
            this.type = type;
        }

        Entry mode(int m) {
            mode = m;
            return this;
        }

        Entry owner(long u, long g) {
            uid = u;
            gid = g;
            return this;
        }

        Entry data(byte[] d) {
            data = d;
            return this;
        }

        Entry data(String s) {
            return data(s.getBytes(StandardCharsets.UTF_8));
        }

        Entry link(String target) {
            linkname = target;
            return this;
        }

        Entry device(int major, int minor) {
            devmajor = major;
            devminor = minor;
            return this;
        }

        Entry xattr(String name, byte[] value) {
            pax.put("SCHILY.xattr." + name, value);
            return this;
        }

        Entry pax(String key, String value) {
            pax.put(key, value.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        Entry claimedSize(long s) {
            size = s;
            return this;
        }

        Entry gnuLongName() {
            gnuLongName = true;
            return this;
        }
    }

    static Entry file(String name, String content) {
        return new Entry(name, '0').data(content);
    }

    static Entry dir(String name) {
        return new Entry(name, '5').mode(0755);
    }

    TarBuilder add(Entry e) {
        byte[] nameBytes = e.name.getBytes(StandardCharsets.UTF_8);
        if (e.gnuLongName) {
            byte[] longName = Arrays.copyOf(nameBytes, nameBytes.length + 1);
            header("././@LongLink", 'L', 0644, 0, 0, longName.length, "", 0, 0, true);
            block(longName);
        } else if (!e.pax.isEmpty() || nameBytes.length > 100 || e.linkname.length() > 100) {
            Map<String, byte[]> records = new LinkedHashMap<>(e.pax);
            if (nameBytes.length > 100) {
                records.put("path", nameBytes);
            }
            if (e.linkname.length() > 100) {
                records.put("linkpath", e.linkname.getBytes(StandardCharsets.UTF_8));
            }
            ByteArrayOutputStream pax = new ByteArrayOutputStream();
            records.forEach((k, v) -> pax.writeBytes(paxRecord(k, v)));
            header("PaxHeaders/x", 'x', 0644, 0, 0, pax.size(), "", 0, 0, false);
            block(pax.toByteArray());
        }
        long size = e.size >= 0 ? e.size : e.data.length;
        header(e.name, e.type, e.mode, e.uid, e.gid, size, e.linkname, e.devmajor, e.devminor, e.gnuLongName);
        block(e.data);
        return this;
    }

    TarBuilder raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** The stream with its two zero blocks. */
    byte[] build() {
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        copy.writeBytes(out.toByteArray());
        copy.writeBytes(new byte[1024]);
        return copy.toByteArray();
    }

    /** The stream without its end blocks. */
    byte[] buildUnterminated() {
        return out.toByteArray();
    }

    private static byte[] paxRecord(String key, byte[] value) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        int base = k.length + value.length + 3; // ' ', '=', '\n'
        int len = base + String.valueOf(base).length();
        if (String.valueOf(len).length() != String.valueOf(base).length()) {
            len++;
        }
        ByteArrayOutputStream r = new ByteArrayOutputStream();
        r.writeBytes((len + " " + key + "=").getBytes(StandardCharsets.UTF_8));
        r.writeBytes(value);
        r.write('\n');
        return r.toByteArray();
    }

    private void header(String name, char type, int mode, long uid, long gid, long size, String linkname,
                        int devmajor, int devminor, boolean gnu) {
        byte[] h = new byte[512];
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(n, 0, h, 0, Math.min(100, n.length));
        octal(h, 100, 8, mode);
        octal(h, 108, 8, uid);
        octal(h, 116, 8, gid);
        octal(h, 124, 12, size);
        octal(h, 136, 12, mtime);
        h[156] = (byte) type;
        byte[] l = linkname.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(l, 0, h, 157, Math.min(100, l.length));
        byte[] magic = (gnu ? "ustar  \0" : "ustar\u000000").getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(magic, 0, h, 257, 8);
        octal(h, 329, 8, devmajor);
        octal(h, 337, 8, devminor);
        Arrays.fill(h, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        byte[] c = String.format("%06o\0 ", sum).getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(c, 0, h, 148, 8);
        out.writeBytes(h);
    }

    private void block(byte[] data) {
        out.writeBytes(data);
        int pad = (512 - data.length % 512) % 512;
        out.writeBytes(new byte[pad]);
    }

    private static void octal(byte[] h, int off, int len, long v) {
        if (v >= 1L << (3 * (len - 1))) {
            // Too big for the octal digits: GNU base-256 (top bit set, big-endian value).
            for (int i = len - 1; i > 0; i--, v >>>= 8) {
                h[off + i] = (byte) v;
            }
            h[off] = (byte) 0x80;
            return;
        }
        byte[] s = String.format("%0" + (len - 1) + "o", v).getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(s, 0, h, off, len - 1);
    }
}
