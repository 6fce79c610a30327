package io.hcs4j.emulator.hcs;

import java.io.IOException;

/**
 * Boots the guest of an emulated virtual machine when the emulator starts a compute system whose document is a
 * VirtualMachine. Found with {@link java.util.ServiceLoader} (the first provider wins); with none, a VM runs without
 * a guest.
 */
public interface GuestLauncher {
    /** Starts the guest for {@code systemId}, whose compute system document is {@code documentJson}. */
    GuestInstance launch(String systemId, String documentJson) throws IOException;
}
