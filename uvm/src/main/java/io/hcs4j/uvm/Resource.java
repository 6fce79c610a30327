package io.hcs4j.uvm;

import java.io.IOException;

/**
 * A device or share hot-added to a utility VM. Adding the same thing again shares it; each handle is closed
 * once, and the last close removes it from the guest and the VM.
 */
public interface Resource extends AutoCloseable {

    /** Where the guest sees it (a mount path, a rootfs path); null for devices the guest does not mount. */
    String guestPath();

    @Override
    void close() throws IOException;
}
