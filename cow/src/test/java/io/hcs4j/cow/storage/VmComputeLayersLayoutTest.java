package io.hcs4j.cow.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Native;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.Guid;
import org.junit.jupiter.api.Test;

/** Structure layouts of the legacy layer calls as 64-bit Windows lays them out. */
class VmComputeLayersLayoutTest {
    @Test
    void driverInfoIsAnIntThenAPointer() {
        assumeTrue(Native.POINTER_SIZE == 8);
        VmComputeLayers.DriverInfo info = new VmComputeLayers.DriverInfo("C:\\layers");
        assertEquals(16, info.size());
        info.write();
        assertEquals(VmComputeLayers.FILTER_DRIVER, info.getPointer().getInt(0));
        assertEquals("C:\\layers", info.getPointer().getPointer(8).getWideString(0));
    }

    @Test
    void layerDescriptorIsGuidFlagsPath() {
        assumeTrue(Native.POINTER_SIZE == 8);
        VmComputeLayers.LayerDescriptor d = new VmComputeLayers.LayerDescriptor();
        assertEquals(32, d.size());
        d.layerId = new Guid.GUID("{11223344-5566-7788-99aa-bbccddeeff00}");
        d.flags = 0x7f;
        d.path = new WString("C:\\base");
        d.write();
        assertEquals(0x11223344, d.getPointer().getInt(0));
        assertEquals(0x7f, d.getPointer().getInt(16));
        assertEquals("C:\\base", d.getPointer().getPointer(24).getWideString(0));
    }
}
