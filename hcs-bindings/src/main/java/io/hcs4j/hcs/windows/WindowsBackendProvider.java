package io.hcs4j.hcs.windows;

import com.sun.jna.Platform;
import io.hcs4j.hcs.spi.HcsBackend;
import io.hcs4j.hcs.spi.HcsBackendProvider;

/** The real HCS through JNA; available on Windows only. */
public final class WindowsBackendProvider implements HcsBackendProvider {

    private static volatile WindowsBackend backend;

    @Override
    public String name() {
        return "windows";
    }

    @Override
    public boolean isAvailable() {
        return Platform.isWindows();
    }

    @Override
    public HcsBackend backend() {
        if (!isAvailable()) {
            throw new IllegalStateException("Unimplemented: the JNA HCS backend needs Windows");
        }
        synchronized (WindowsBackendProvider.class) {
            if (backend == null) {
                backend = new WindowsBackend();
            }
            return backend;
        }
    }
}
