package io.hcs4j.uvm.backend;

import io.hcs4j.cow.storage.spi.StorageProvider;
import io.hcs4j.hcs.spi.HcsBackendProvider;
import io.hcs4j.uvm.transport.HvSocketTransport;

/**
 * A whole host backend, found with {@link java.util.ServiceLoader} and chosen by the one HCS4J_BACKEND selection:
 * its HCS ({@link HcsBackendProvider}), its layer storage and how the host reaches a utility VM's hvsockets. Real
 * Windows is {@link WindowsHostBackendProvider}; the emulator registers its own.
 */
public interface HostBackendProvider extends HcsBackendProvider {

    /** The layer-storage API that goes with this HCS. */
    StorageProvider storage();

    /** How the host reaches a utility VM's hvsockets. */
    HvSocketTransport.Factory transports();

    /**
     * Whether a utility VM's guest sees the host's file system, so that a container's layers can be handed over as
     * host directories. Otherwise they must be disks attached to the VM.
     */
    boolean guestSeesHostFiles();
}
