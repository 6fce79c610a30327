package io.hcs4j.uvm.transport;

import java.io.IOException;
import java.util.UUID;

/**
 * The host's side of hvsocket for one VM: it listens on a service id and the guest dials it. Implemented by
 * AF_HYPERV sockets on Windows ({@link AfHyperVTransport}) and by the unix-socket stand-in elsewhere
 * ({@link UnixSocketTransport}); which one a VM gets is a part of the selected backend
 * ({@code io.hcs4j.uvm.backend.HostBackend}).
 */
public interface HvSocketTransport {

    HvSocketListener listen(UUID serviceId) throws IOException;

    /** The transport to a VM's hvsockets, from its id and the runtime id HCS reports for it (null if none). */
    @FunctionalInterface
    interface Factory {
        HvSocketTransport forVm(String vmId, UUID runtimeId);
    }
}
