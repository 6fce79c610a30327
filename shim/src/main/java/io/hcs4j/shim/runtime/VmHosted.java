package io.hcs4j.shim.runtime;

import io.hcs4j.schema.v2.Properties;
import java.io.IOException;

/**
 * A container that runs in a utility VM (LCOW, hypervisor-isolated Windows). Stats reports the VM beside the
 * container when the task owns it, as hcsshim does: a standalone task or a pod's sandbox, not a pod's other
 * containers.
 */
public interface VmHosted {
    /** The owned VM's {@code Statistics} and {@code Memory} properties; null when the container only shares the VM. */
    Properties ownedVmProperties() throws IOException;
}
