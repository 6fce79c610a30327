package io.hcs4j.hcs.raw;

import com.sun.jna.Pointer;

import java.nio.charset.StandardCharsets;

/**
 * Reads and writes NUL-terminated UTF-16LE strings (Windows PWSTR) in native memory explicitly, so the
 * same bytes are produced and read on Windows and by the emulator elsewhere (where JNA's wchar_t is 32-bit).
 */
public final class Utf16 {
    private Utf16() {
    }

    /** The string at {@code p}, or null for a null pointer. */
    public static String read(Pointer p) {
        if (p == null) {
            return null;
        }
        long n = 0;
        while (p.getShort(n) != 0) {
            n += 2;
        }
        return new String(p.getByteArray(0, (int) n), StandardCharsets.UTF_16LE);
    }

    /** Bytes of {@code s} in UTF-16LE followed by a two-byte NUL. */
    public static byte[] encode(String s) {
        byte[] body = s.getBytes(StandardCharsets.UTF_16LE);
        byte[] out = new byte[body.length + 2];
        System.arraycopy(body, 0, out, 0, body.length);
        return out;
    }
}
