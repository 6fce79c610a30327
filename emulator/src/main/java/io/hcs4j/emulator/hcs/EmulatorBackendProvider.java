package io.hcs4j.emulator.hcs;

import io.hcs4j.cow.storage.spi.StorageProvider;
import io.hcs4j.emulator.storage.EmulatorStorageProvider;
import io.hcs4j.hcs.spi.HcsBackend;
import io.hcs4j.uvm.backend.HostBackendProvider;
import io.hcs4j.uvm.transport.HvSocketTransport;
import io.hcs4j.uvm.transport.UnixSocketTransport;

/**
 * The emulator as a host backend, available everywhere: its HCS, its layer storage, and unix sockets for hvsocket.
 * Like the real service it is one per process: the first use starts it, and every HcsService sees the same compute
 * systems.
 */
public final class EmulatorBackendProvider implements HostBackendProvider {
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

    @Override
    public StorageProvider storage() {
        return new EmulatorStorageProvider();
    }

    @Override
    public HvSocketTransport.Factory transports() {
        return UnixSocketTransport.PER_VM_DIRECTORY;
    }

    /** The emulated guest is a host process: it sees the host's files. */
    @Override
    public boolean guestSeesHostFiles() {
        return true;
    }

    /** The process-wide emulator (started on first use, restarted after it was closed). */
    public static synchronized Emulator shared() {
        if (shared == null || shared.isClosed()) {
            shared = new Emulator();
        }
        return shared;
    }
}
