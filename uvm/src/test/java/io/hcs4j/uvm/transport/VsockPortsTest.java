package io.hcs4j.uvm.transport;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VsockPortsTest {

    @Test
    void gcsPortMapsToTheDocumentedServiceId() {
        assertEquals("40000000-facb-11e6-bd58-64006a7986d3", VsockPorts.serviceId(VsockPorts.GCS_PORT).toString());
        assertEquals("40000001-facb-11e6-bd58-64006a7986d3",
                VsockPorts.serviceId(VsockPorts.FIRST_STDIO_PORT).toString());
        assertEquals("ffffffff-facb-11e6-bd58-64006a7986d3", VsockPorts.serviceId(0xFFFFFFFFL).toString());
    }

    @Test
    void portsRoundTripAndOtherServicesAreNotPorts() {
        for (long port : new long[] {0, 1, 0x40000000L, 0x4000ABCDL, 0xFFFFFFFFL}) {
            assertEquals(port, VsockPorts.port(VsockPorts.serviceId(port)));
        }
        assertEquals(-1, VsockPorts.port(VsockPorts.WINDOWS_GCS_SERVICE));
        assertThrows(IllegalArgumentException.class, () -> VsockPorts.serviceId(0x100000000L));
        assertThrows(IllegalArgumentException.class, () -> VsockPorts.serviceId(-1));
    }

    @Test
    void socketFileIsTheLowercaseServiceId() {
        Path dir = Path.of("/x");
        assertEquals(Path.of("/x/40000000-facb-11e6-bd58-64006a7986d3.sock"),
                HvSocketDirs.socket(dir, UUID.fromString("40000000-FACB-11E6-BD58-64006A7986D3")));
    }

    @Test
    void vmDirectoriesAreStableAndShort() {
        assertEquals("task-1@vm", HvSocketDirs.dirName("task-1@vm"));
        String longId = "a".repeat(64) + "@vm";
        String hashed = HvSocketDirs.dirName(longId);
        assertEquals(hashed, HvSocketDirs.dirName(longId));
        assertTrue(hashed.startsWith("vm-") && hashed.length() == 35, hashed);
        assertNotEquals(hashed, HvSocketDirs.dirName("b".repeat(64) + "@vm"));
        assertTrue(HvSocketDirs.dirName("../escape").startsWith("vm-"));
        assertTrue(HvSocketDirs.dirName("a/b").startsWith("vm-"));
        assertTrue(HvSocketDirs.dirName("..").startsWith("vm-"));
        assertEquals(HvSocketDirs.root().resolve("x"), HvSocketDirs.forVm("x"));
    }
}
