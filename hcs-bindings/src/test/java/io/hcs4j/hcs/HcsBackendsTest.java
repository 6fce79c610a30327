package io.hcs4j.hcs;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Backend selection errors are explicit (the emulator itself is not on this module's class path). */
class HcsBackendsTest {

    @Test
    void unknownSettingIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> HcsBackends.select("hyperv"));
        assertTrue(e.getMessage().contains("emulator-vmcompute"), e.getMessage());
    }

    @Test
    void missingProviderIsNamed() {
        var e = assertThrows(IllegalStateException.class, () -> HcsBackends.select("emulator"));
        assertTrue(e.getMessage().contains("hcs4j-emulator"), e.getMessage());
    }

    @Test
    void windowsBackendOnlyOnWindows() {
        if (!com.sun.jna.Platform.isWindows()) {
            assertThrows(IllegalStateException.class, () -> HcsBackends.select("computecore"));
        }
    }
}
