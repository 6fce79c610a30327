package io.hcs4j.hcs;

import java.time.Duration;
import java.util.Locale;

/**
 * Per-operation timeouts. Defaults follow hcsshim (4 minutes for every compute system operation); each can be set
 * with the environment variable {@code HCS4J_TIMEOUT_<OP>} or the system property {@code hcs4j.timeout.<op>},
 * in milliseconds, e.g. {@code HCS4J_TIMEOUT_START=30000}.
 */
public enum HcsTimeouts {
    CREATE, START, SHUTDOWN, TERMINATE, PAUSE, RESUME, SAVE, PROPERTIES, MODIFY, PROCESS, ENUMERATE;

    private static final Duration DEFAULT = Duration.ofMinutes(4);

    /** The configured timeout of this operation. */
    public Duration get() {
        String key = name().toLowerCase(Locale.ROOT);
        String v = System.getProperty("hcs4j.timeout." + key, System.getenv("HCS4J_TIMEOUT_" + name()));
        if (v == null || v.isBlank()) {
            return DEFAULT;
        }
        try {
            return Duration.ofMillis(Long.parseLong(v.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("HCS4J_TIMEOUT_" + name() + " must be milliseconds: " + v, e);
        }
    }
}
