package io.hcs4j.emulator.hcs;

import io.hcs4j.hcs.spi.HcsBackend;
import io.hcs4j.hcs.spi.HcsBackendProvider;

/**
 * The emulator as an HCS backend provider, available everywhere. Like the real service it is one per process: the
 * first use starts it, and every HcsService sees the same compute systems.
 */
public final class EmulatorBackendProvider implements HcsBackendProvider {
    private static Emulator shared;

    @Override
    public String name() {
        return "emulator";
    }

    @Override
    public boolean isAvailable() {
        return true;
    }

    @Override
    public HcsBackend backend() {
        return shared().backend();
    }

    /** The process-wide emulator (started on first use, restarted after it was closed). */
    public static synchronized Emulator shared() {
        if (shared == null || shared.isClosed()) {
            shared = new Emulator();
        }
        return shared;
    }
}
