package io.hcs4j.log;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Locale;
import org.slf4j.event.Level;

/**
 * The process's logging settings, read by every logger at each call: one level (so a change reaches loggers made
 * before it), whether lines start with a timestamp, and where they go. Lines keep slf4j-simple's format:
 * {@code [time ][thread] LEVEL logger - message}, then the stack trace of a throwable.
 */
public final class Logging {
    /** The level a process starts at, when set (the names {@link #parse} takes); else info. */
    public static final String LEVEL_PROPERTY = "hcs4j.log.level";
    /** The names {@link #parse} takes: logrus's (hcsshim's log_level), which include slf4j's. */
    public static final String LEVEL_NAMES = "trace, debug, info, warn, warning, error, fatal, panic";

    private static volatile Level level = initialLevel();
    private static volatile boolean times;
    /** Null: {@code System.err} as it is at each line (the shim points it at containerd's log). */
    private static volatile PrintStream out;

    private Logging() {
    }

    public static Level level() {
        return level;
    }

    public static void setLevel(Level newLevel) {
        level = newLevel;
    }

    /** Whether lines start with the local time, {@code 2024-05-01T12:00:00.123+02:00} (off by default). */
    public static void showTimes(boolean show) {
        times = show;
    }

    /** Where lines go from now on; null for {@code System.err} (the default). */
    public static void writeTo(PrintStream stream) {
        out = stream;
    }

    /**
     * A level by its logrus name, any case: fatal and panic are error (slf4j has nothing above it), warning is warn.
     *
     * @throws IllegalArgumentException naming the accepted names
     */
    public static Level parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "trace" -> Level.TRACE;
            case "debug" -> Level.DEBUG;
            case "info" -> Level.INFO;
            case "warn", "warning" -> Level.WARN;
            case "error", "fatal", "panic" -> Level.ERROR;
            default -> throw new IllegalArgumentException("unknown log level \"" + name + "\" (one of " + LEVEL_NAMES + ")");
        };
    }

    /** A level's name as {@link #parse} takes it and users write it: {@code debug}. */
    public static String name(Level l) {
        return l.name().toLowerCase(Locale.ROOT);
    }

    static boolean enabled(Level l) {
        return l.toInt() >= level.toInt();
    }

    /** One line (and the trace), written in one call so that lines of concurrent threads stay whole. */
    static void write(Level l, String logger, String message, Throwable t) {
        StringBuilder line = new StringBuilder(128);
        if (times) {
            timestamp(line, OffsetDateTime.now());
            line.append(' ');
        }
        line.append('[').append(Thread.currentThread().getName()).append("] ").append(l).append(' ')
                .append(logger).append(" - ").append(message).append(System.lineSeparator());
        if (t != null) {
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            line.append(trace);
        }
        byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
        PrintStream target = out != null ? out : System.err;
        target.write(bytes, 0, bytes.length);
        target.flush();
    }

    /** By hand rather than with a DateTimeFormatter: its machinery would load on every program's start. */
    static void timestamp(StringBuilder b, OffsetDateTime t) {
        b.append(t.getYear()).append('-');
        pad(b, t.getMonthValue(), 2).append('-');
        pad(b, t.getDayOfMonth(), 2).append('T');
        pad(b, t.getHour(), 2).append(':');
        pad(b, t.getMinute(), 2).append(':');
        pad(b, t.getSecond(), 2).append('.');
        pad(b, t.getNano() / 1_000_000, 3);
        int offset = t.getOffset().getTotalSeconds() / 60;
        if (offset == 0) {
            b.append('Z');
            return;
        }
        b.append(offset < 0 ? '-' : '+');
        pad(b, Math.abs(offset) / 60, 2).append(':');
        pad(b, Math.abs(offset) % 60, 2);
    }

    private static StringBuilder pad(StringBuilder b, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(s);
    }

    private static Level initialLevel() {
        String name = System.getProperty(LEVEL_PROPERTY);
        if (name == null) {
            return Level.INFO;
        }
        try {
            return parse(name);
        } catch (IllegalArgumentException e) {
            System.err.println("hcs4j log: " + e.getMessage() + " in -D" + LEVEL_PROPERTY + "; logging at info");
            return Level.INFO;
        }
    }
}
