package io.hcs4j.emulator.hcs;

import com.fasterxml.jackson.databind.JsonNode;
import io.hcs4j.hcs.ComputeSystem;
import io.hcs4j.hcs.HcsService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** HCS4J_BACKEND / hcs4j.backend pick the emulator through ServiceLoader; all services share one emulator. */
@Timeout(30)
class BackendSelectionTest {

    @AfterEach
    void clear() {
        System.clearProperty("hcs4j.backend");
    }

    @Test
    void autoOnLinuxIsTheEmulator() {
        assertEquals("emulator/computecore", HcsService.open().describe());
    }

    @Test
    void explicitSettings() throws Exception {
        System.setProperty("hcs4j.backend", "emulator-vmcompute");
        HcsService v1 = HcsService.open();
        assertEquals("emulator/vmcompute", v1.describe());
        System.setProperty("hcs4j.backend", "emulator");
        HcsService v2 = HcsService.open();
        assertEquals("emulator/computecore", v2.describe());

        String id = Docs.id();
        try (ComputeSystem s = v1.createComputeSystem(id, Docs.container()); ComputeSystem same = v2.openComputeSystem(id)) {
            s.start();
            assertEquals("Running", same.properties(Docs.query(), JsonNode.class).get("State").asText());
            same.terminate();
            s.waitExit(java.time.Duration.ofSeconds(20));
        }
        assertEquals(0, EmulatorBackendProvider.shared().heap().outstanding());
    }
}
