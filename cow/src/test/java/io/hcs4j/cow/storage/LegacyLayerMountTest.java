package io.hcs4j.cow.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.jna.WString;
import com.sun.jna.platform.win32.Guid;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.Pointer;
import io.hcs4j.cow.storage.spi.StorageProvider;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The legacy vmcompute path of {@link LayerStorage} (hosts without computestorage.dll), against a recording stand-in
 * for the DLL: the calls, their order and arguments, and the unwinding when one fails.
 */
class LegacyLayerMountTest {
    /** Records every call as text; fails the call named {@code failing}. */
    static final class Recorder implements VmComputeLayers {
        final List<String> calls = new ArrayList<>();
        String failing = "";

        private int call(String name, DriverInfo info, WString id, String extra) {
            calls.add(name + "(" + info.homeDir + "," + id + (extra.isEmpty() ? "" : "," + extra) + ")");
            return name.equals(failing) ? 0x80070005 : 0;
        }

        @Override
        public int ActivateLayer(DriverInfo info, WString id) {
            return call("ActivateLayer", info, id, "");
        }

        @Override
        public int DeactivateLayer(DriverInfo info, WString id) {
            return call("DeactivateLayer", info, id, "");
        }

        @Override
        public int CreateSandboxLayer(DriverInfo info, WString id, Pointer parent, LayerDescriptor d, int count) {
            return call("CreateSandboxLayer", info, id, "");
        }

        @Override
        public int ExpandSandboxSize(DriverInfo info, WString id, long size) {
            return call("ExpandSandboxSize", info, id, "");
        }

        @Override
        public int DestroyLayer(DriverInfo info, WString id) {
            return call("DestroyLayer", info, id, "");
        }

        @Override
        public int LayerExists(DriverInfo info, WString id, IntByReference exists) {
            return call("LayerExists", info, id, "");
        }

        @Override
        public int PrepareLayer(DriverInfo info, WString id, LayerDescriptor first, int count) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < count; i++) {
                LayerDescriptor d = new LayerDescriptor(first.getPointer().share((long) i * first.size()));
                d.read();
                sb.append(d.layerId.toGuidString()).append('=').append(d.path).append(';');
            }
            return call("PrepareLayer", info, id, sb.toString());
        }

        @Override
        public int UnprepareLayer(DriverInfo info, WString id) {
            return call("UnprepareLayer", info, id, "");
        }

        @Override
        public int GetLayerMountPath(DriverInfo info, WString id, LongByReference length, char[] buffer) {
            String volume = "\\\\?\\Volume{12345678-0000-0000-0000-000000000000}\\";
            if (buffer == null) {
                length.setValue(volume.length() + 1);
            } else {
                volume.getChars(0, volume.length(), buffer, 0);
                buffer[volume.length()] = 0;
            }
            return call("GetLayerMountPath", info, id, buffer == null ? "length" : "fill");
        }

        @Override
        public int NameToGuid(WString name, Guid.GUID guid) {
            String hex = String.format("%08x", name.toString().hashCode());
            guid.getPointer().write(0, new Guid.GUID("{" + hex + "-0000-0000-0000-000000000000}").toByteArray(), 0, 16);
            guid.read();
            calls.add("NameToGuid(" + name + ")");
            return 0;
        }
    }

    static LayerStorage storage(Recorder r) {
        return LayerStorage.of(new StorageProvider() {
            @Override
            public String name() {
                return "recorder";
            }


            @Override
            public ComputeStorage computeStorage() {
                return null;
            }

            @Override
            public VmComputeLayers vmComputeLayers() {
                return r;
            }
        });
    }

    private static final List<String> FOLDERS = List.of("C:\\img\\app", "C:\\img\\base", "C:\\ctr\\c1");

    @Test
    void mountActivatesPreparesAndReadsTheVolumeUnmountUndoesInReverse() throws Exception {
        Recorder r = new Recorder();
        LayerStorage storage = storage(r);
        String app = storage.layerId("C:\\img\\app");
        String base = storage.layerId("C:\\img\\base");
        r.calls.clear();
        try (MountedLayers m = storage.mount(FOLDERS)) {
            assertEquals("\\\\?\\Volume{12345678-0000-0000-0000-000000000000}\\", m.path());
            assertEquals("C:\\ctr\\c1", m.scratch());
            assertEquals(app, m.parents().get(0).id);
        }
        assertEquals(List.of("NameToGuid(app)", "NameToGuid(base)",
                "ActivateLayer(C:\\ctr,c1)",
                "PrepareLayer(C:\\ctr,c1,{" + app.toUpperCase() + "}=C:\\img\\app;{" + base.toUpperCase()
                        + "}=C:\\img\\base;)",
                "GetLayerMountPath(C:\\ctr,c1,length)", "GetLayerMountPath(C:\\ctr,c1,fill)",
                "UnprepareLayer(C:\\ctr,c1)", "DeactivateLayer(C:\\ctr,c1)"), r.calls);
    }

    @Test
    void aFailedPrepareDeactivatesAndReportsTheHresult() {
        Recorder r = new Recorder();
        r.failing = "PrepareLayer";
        LayerStorageException e = assertThrows(LayerStorageException.class, () -> storage(r).mount(FOLDERS));
        assertEquals(0x80070005, e.hresult());
        assertEquals("PrepareLayer failed: HRESULT 0x80070005: C:\\ctr\\c1", e.getMessage());
        assertEquals("DeactivateLayer(C:\\ctr,c1)", r.calls.get(r.calls.size() - 1));
        assertEquals(0, r.calls.stream().filter(c -> c.startsWith("UnprepareLayer")).count());
    }

    @Test
    void aFailedUnprepareStillDeactivates() throws Exception {
        Recorder r = new Recorder();
        MountedLayers m = storage(r).mount(FOLDERS);
        r.failing = "UnprepareLayer";
        assertThrows(LayerStorageException.class, m::close);
        assertEquals("DeactivateLayer(C:\\ctr,c1)", r.calls.get(r.calls.size() - 1));
        int calls = r.calls.size();
        m.close();
        assertEquals(calls, r.calls.size(), "unmounted once");
    }
}
