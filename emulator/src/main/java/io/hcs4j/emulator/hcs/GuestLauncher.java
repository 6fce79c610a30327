package io.hcs4j.emulator.hcs;

import java.io.IOException;
import java.util.Optional;

/**
 * Boots the guest of an emulated virtual machine when the emulator starts a compute system whose document is a
 * VirtualMachine. Found with {@link java.util.ServiceLoader} (the first provider wins); with none, a VM runs without
 * a guest.
 */
public interface GuestLauncher {
    /** Starts the guest for {@code systemId}, whose compute system document is {@code documentJson}. */
    GuestInstance launch(String systemId, String documentJson) throws IOException;

    /**
     * The guest of VM {@code systemId} that an emulator in another (now dead) process started, so that this one can
     * open the VM by id; empty when there is none. By default guests end with the process that started them.
     */
    default Optional<GuestInstance> reattach(String systemId) throws IOException {
        return Optional.empty();
    }
}
