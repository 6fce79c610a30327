package io.hcs4j.shim.runtime.lcow;

import io.hcs4j.shim.runtime.TaskVm;
import io.hcs4j.shim.runtime.VmHosted;
import io.hcs4j.uvm.HostedContainer;
import io.hcs4j.uvm.Resource;
import io.hcs4j.uvm.UtilityVm;
import io.hcs4j.uvm.guest.GuestContainer;

/**
 * A Linux container in a utility VM ({@link HostedContainer}: the guest's container, its combined layers and its
 * place in the VM it shares), which the task layer also sees as {@link VmHosted}: its VM, and whether its task owns
 * it. Pausing it pauses its VM, which it must then have to itself.
 */
final class LcowContainer extends HostedContainer implements VmHosted {
    private final TaskVm vm;

    LcowContainer(String id, TaskVm vm, Resource layers, GuestContainer container) {
        super(id, vm.vm(), vm.membership(id), layers, container);
        this.vm = vm;
    }

    @Override
    public UtilityVm utilityVm() {
        return vm.vm();
    }

    @Override
    public boolean ownsUtilityVm() {
        return vm.ownedBy(id());
    }
}
