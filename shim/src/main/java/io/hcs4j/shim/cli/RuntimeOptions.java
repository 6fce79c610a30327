package io.hcs4j.shim.cli;

import io.hcs4j.log.Logging;
import java.nio.charset.StandardCharsets;
import org.slf4j.event.Level;

/**
 * The log level in the runtime options containerd writes to {@code start}'s stdin (handed to the daemon in
 * {@link ServeCommand#START_OPTIONS_ENV}): a protobuf Any holding {@code containerd.runhcs.v1.Options}, of which
 * {@code debug} (1) and {@code log_level} (16) matter here. Decoded by hand: the daemon needs the level before its
 * first logger and before it listens, and loading protobuf there would delay containerd's start. Anything malformed
 * reads as no options. (The options of a Create are decoded with the generated class: task.RuntimeOptions.)
 */
final class RuntimeOptions {
    private static final String OPTIONS_TYPE = "containerd.runhcs.v1.Options";

    private RuntimeOptions() {
    }

    /** The log level for the options: debug if {@code debug} is set, else {@code log_level} mapped; null if neither. */
    static Level logLevel(byte[] any) {
        try {
            String type = null;
            byte[] value = null;
            Reader r = new Reader(any);
            while (r.more()) {
                long tag = r.varint();
                if (tag == (1 << 3 | 2)) {
                    type = new String(r.bytes(), StandardCharsets.UTF_8);
                } else if (tag == (2 << 3 | 2)) {
                    value = r.bytes();
                } else {
                    r.skip(tag);
                }
            }
            if (type == null || !type.endsWith(OPTIONS_TYPE) || value == null) {
                return null;
            }
            boolean debug = false;
            String level = null;
            Reader o = new Reader(value);
            while (o.more()) {
                long tag = o.varint();
                if (tag == (1 << 3)) {
                    debug = o.varint() != 0;
                } else if (tag == (16 << 3 | 2)) {
                    level = new String(o.bytes(), StandardCharsets.UTF_8);
                } else {
                    o.skip(tag);
                }
            }
            return debug ? Level.DEBUG : slf4jLevel(level);
        } catch (IndexOutOfBoundsException malformed) {
            return null;
        }
    }

    /** logrus's level names (hcsshim's log_level) as the log backend's; null for an unknown name. */
    static Level slf4jLevel(String logrus) {
        if (logrus == null) {
            return null;
        }
        try {
            return Logging.parse(logrus);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    /** Protobuf wire format, just enough to find two fields. */
    private static final class Reader {
        private final byte[] b;
        private int pos;

        Reader(byte[] b) {
            this.b = b;
        }

        boolean more() {
            return pos < b.length;
        }

        long varint() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte x = b[pos++];
                v |= (long) (x & 0x7f) << shift;
                if (x >= 0) {
                    return v;
                }
            }
            throw new IndexOutOfBoundsException("varint too long");
        }

        byte[] bytes() {
            int n = (int) varint();
            if (n < 0 || pos + n > b.length) {
                throw new IndexOutOfBoundsException("length " + n);
            }
            byte[] out = java.util.Arrays.copyOfRange(b, pos, pos + n);
            pos += n;
            return out;
        }

        void skip(long tag) {
            switch ((int) (tag & 7)) {
                case 0 -> varint();
                case 1 -> pos += 8;
                case 2 -> bytes();
                case 5 -> pos += 4;
                default -> throw new IndexOutOfBoundsException("wire type " + (tag & 7));
            }
        }
    }
}
