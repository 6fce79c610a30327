package io.hcs4j.cow.storage;

import com.sun.jna.Native;
import io.hcs4j.cow.storage.spi.StorageProvider;

/** The real DLLs through JNA; each is loaded on first use and is absent (null) where Windows lacks it. */
public final class WindowsStorageProvider implements StorageProvider {
    private static final class Dlls {
        static final ComputeStorage COMPUTE_STORAGE = load("computestorage", ComputeStorage.class);
        static final VmComputeLayers VMCOMPUTE = load("vmcompute", VmComputeLayers.class);

        private static <T extends com.sun.jna.Library> T load(String dll, Class<T> type) {
            try {
                return Native.load(dll, type);
            } catch (UnsatisfiedLinkError e) {
                return null;
            }
        }
    }

    @Override
    public String name() {
        return "windows";
    }

    @Override
    public ComputeStorage computeStorage() {
        return Dlls.COMPUTE_STORAGE;
    }

    @Override
    public VmComputeLayers vmComputeLayers() {
        return Dlls.VMCOMPUTE;
    }
}
