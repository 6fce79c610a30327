package io.hcs4j.cow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hcs4j.schema.guest.SignalValueWCOW;
import org.junit.jupiter.api.Test;

class SignalOptionsTest {
    @Test
    void aLinuxProcessTakesTheNumber() {
        assertEquals(SignalOptions.linux(15), SignalOptions.of(15, "linux"));
        assertEquals(SignalOptions.linux(9), SignalOptions.of(9, "linux"));
        assertEquals("not a Linux signal number: 99",
                assertThrows(IllegalArgumentException.class, () -> SignalOptions.of(99, "linux")).getMessage());
    }

    @Test
    void aWindowsProcessTakesConsoleEventsAndKillEndsIt() {
        assertTrue(SignalOptions.of(9, "windows") instanceof SignalOptions.Kill);
        assertEquals(SignalOptions.windows(SignalValueWCOW.CTRL_C), SignalOptions.of(2, "windows"));
        assertEquals(SignalOptions.windows(SignalValueWCOW.CTRL_SHUTDOWN), SignalOptions.of(15, "windows"));
        assertEquals(SignalOptions.windows(SignalValueWCOW.CTRL_CLOSE), SignalOptions.of(1, "windows"));
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> SignalOptions.of(10, "windows"));
        assertEquals("signal 10 has no Windows equivalent (use KILL, TERM, INT or HUP)", e.getMessage());
    }
}
