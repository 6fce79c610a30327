package io.hcs4j.shim.runtime;

import io.hcs4j.schema.v2.Properties;
import java.io.IOException;

/**
 * A container that runs in a utility VM (LCOW, hypervisor-isolated Windows). Stats reports the VM beside the
 * container when the task owns it, as hcsshim does: a standalone task or a pod's sandbox, not a pod's other
 * containers.
 */
public interface VmHosted {
    /** The utility VM the container runs in (its own or its pod's): where shimdiag's exec and share go. */
    io.hcs4j.uvm.UtilityVm utilityVm();

    /** The owned VM's {@code Statistics} and {@code Memory} properties; null when the container only shares the VM. */
    Properties ownedVmProperties() throws IOException;
}
