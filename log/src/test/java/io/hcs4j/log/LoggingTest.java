package io.hcs4j.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

class LoggingTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @BeforeEach
    void capture() {
        Logging.writeTo(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        Logging.setLevel(Level.INFO);
        Logging.showTimes(false);
    }

    @AfterEach
    void restore() {
        Logging.writeTo(null);
        Logging.setLevel(Level.INFO);
        Logging.showTimes(false);
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void slf4jFindsThisProvider() {
        assertInstanceOf(ProcessLogger.class, LoggerFactory.getLogger("x"));
        assertTrue(LoggerFactory.getLogger("x") == LoggerFactory.getLogger("x"), "one logger per name");
    }

    @Test
    void aLevelChangeReachesLoggersMadeBeforeIt() {
        Logger log = LoggerFactory.getLogger("made.before");
        assertFalse(log.isDebugEnabled());
        log.debug("hidden {}", 1);
        assertEquals("", output(), "nothing below the level");
        Logging.setLevel(Level.DEBUG);
        assertTrue(log.isDebugEnabled());
        log.debug("shown {}", 2);
        assertEquals("[main] DEBUG made.before - shown 2" + System.lineSeparator(), output());
        Logging.setLevel(Level.ERROR);
        log.warn("hidden");
        log.info("hidden");
        assertFalse(log.isWarnEnabled());
        assertEquals("[main] DEBUG made.before - shown 2" + System.lineSeparator(), output(), "nothing below error");
        log.error("shown");
        assertTrue(output().endsWith("[main] ERROR made.before - shown" + System.lineSeparator()));
    }

    @Test
    void traceIsBelowDebug() {
        Logger log = LoggerFactory.getLogger("t");
        Logging.setLevel(Level.DEBUG);
        log.trace("hidden");
        assertEquals("", output());
        Logging.setLevel(Level.TRACE);
        log.trace("{} and {}", "a", "b");
        assertEquals("[main] TRACE t - a and b" + System.lineSeparator(), output());
    }

    @Test
    void linesKeepSlf4jSimplesFormatWithTimesAndTraces() throws Exception {
        Logging.showTimes(true);
        Thread t = new Thread(() -> LoggerFactory.getLogger("io.hcs4j.Some").warn("{} failed", "Create",
                new IllegalStateException("boom")), "worker-1");
        t.start();
        t.join();
        String[] lines = output().split(System.lineSeparator());
        assertTrue(lines[0].matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) "
                + "\\[worker-1] WARN io\\.hcs4j\\.Some - Create failed"), lines[0]);
        assertEquals("java.lang.IllegalStateException: boom", lines[1]);
        assertTrue(lines[2].startsWith("\tat io.hcs4j.log.LoggingTest"), lines[2]);
    }

    @Test
    void timestampsAreRfc3339WithMilliseconds() {
        LocalDateTime when = LocalDateTime.of(2024, 5, 1, 7, 8, 9, 45_000_000);
        StringBuilder b = new StringBuilder();
        Logging.timestamp(b, OffsetDateTime.of(when, ZoneOffset.UTC));
        assertEquals("2024-05-01T07:08:09.045Z", b.toString());
        b.setLength(0);
        Logging.timestamp(b, OffsetDateTime.of(when, ZoneOffset.ofHoursMinutes(-3, -30)));
        assertEquals("2024-05-01T07:08:09.045-03:30", b.toString());
        b.setLength(0);
        Logging.timestamp(b, OffsetDateTime.of(when, ZoneOffset.ofHours(2)));
        assertEquals("2024-05-01T07:08:09.045+02:00", b.toString());
    }

    @Test
    void levelNamesAreLogrusNames() {
        assertEquals(Level.TRACE, Logging.parse("trace"));
        assertEquals(Level.DEBUG, Logging.parse("DEBUG"));
        assertEquals(Level.INFO, Logging.parse("info"));
        assertEquals(Level.WARN, Logging.parse("warning"));
        assertEquals(Level.WARN, Logging.parse("warn"));
        assertEquals(Level.ERROR, Logging.parse("fatal"));
        assertEquals(Level.ERROR, Logging.parse("panic"));
        assertEquals("debug", Logging.name(Level.DEBUG));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Logging.parse("loud"));
        assertEquals("unknown log level \"loud\" (one of " + Logging.LEVEL_NAMES + ")", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Logging.parse(""));
        assertEquals(Level.INFO, Logging.level(), "a bad name changes nothing");
    }
}
