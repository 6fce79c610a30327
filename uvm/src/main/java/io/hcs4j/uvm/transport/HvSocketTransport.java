package io.hcs4j.uvm.transport;

import java.io.IOException;
import java.util.UUID;

/**
 * The host's side of hvsocket for one VM: it listens on a service id and the guest dials it. Implemented by
 * AF_HYPERV sockets on Windows ({@link AfHyperVTransport}) and by the unix-socket stand-in elsewhere
 * ({@link UnixSocketTransport}).
 */
public interface HvSocketTransport {

    HvSocketListener listen(UUID serviceId) throws IOException;

    /** The transport for a VM on this host: AF_HYPERV on Windows, unix sockets elsewhere. */
    static HvSocketTransport forVm(String vmId, UUID runtimeId) {
        String choice = System.getenv().getOrDefault("HCS4J_HVSOCK",
                System.getProperty("os.name").startsWith("Windows") ? "hyperv" : "unix");
        return switch (choice) {
            case "hyperv" -> new AfHyperVTransport(runtimeId);
            case "unix" -> new UnixSocketTransport(HvSocketDirs.forVm(vmId));
            default -> throw new IllegalArgumentException("HCS4J_HVSOCK must be hyperv or unix, not " + choice);
        };
    }
}
