package io.hcs4j.uvm.backend;

import io.hcs4j.cow.storage.WindowsStorageProvider;
import io.hcs4j.cow.storage.spi.StorageProvider;
import io.hcs4j.hcs.spi.HcsBackend;
import io.hcs4j.hcs.windows.WindowsBackendProvider;
import io.hcs4j.uvm.transport.AfHyperVTransport;
import io.hcs4j.uvm.transport.HvSocketTransport;

/**
 * Real Windows: HCS through JNA (hcs-bindings' {@link WindowsBackendProvider}), computestorage.dll / vmcompute.dll
 * layers, and AF_HYPERV sockets addressed by the VM's runtime id.
 */
public final class WindowsHostBackendProvider implements HostBackendProvider {
    private final WindowsBackendProvider hcs = new WindowsBackendProvider();

    @Override
    public String name() {
        return hcs.name();
    }

    @Override
    public boolean isAvailable() {
        return hcs.isAvailable();
    }

    @Override
    public HcsBackend backend() {
        return hcs.backend();
    }

    @Override
    public StorageProvider storage() {
        return new WindowsStorageProvider();
    }

    @Override
    public HvSocketTransport.Factory transports() {
        return (vmId, runtimeId) -> new AfHyperVTransport(runtimeId);
    }

    /** A Hyper-V VM sees only the disks and shares attached to it. */
    @Override
    public boolean guestSeesHostFiles() {
        return false;
    }
}
