package io.hcs4j.uvm;

/**
 * A container that runs in a utility VM (LCOW, hypervisor-isolated Windows). The task that owns the VM (a
 * standalone task or a pod's sandbox, as in hcsshim) reports the VM's statistics beside its own, and a resource
 * update of such a task is the VM's.
 */
public interface VmHosted {
    /** The utility VM the container runs in (its own or its pod's): where shimdiag's exec and share go. */
    UtilityVm utilityVm();

    /** Whether the VM was booted for this container's task, rather than shared with it. */
    boolean ownsUtilityVm();
}
