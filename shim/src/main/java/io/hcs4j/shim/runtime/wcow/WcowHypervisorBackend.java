package io.hcs4j.shim.runtime.wcow;

import io.hcs4j.cow.Container;
import io.hcs4j.schema.oci.Spec;
import io.hcs4j.shim.runtime.ContainerBackend;
import io.hcs4j.shim.runtime.ContainerSpec;
import io.hcs4j.shim.runtime.PodVms;
import io.hcs4j.shim.runtime.TaskVm;
import io.hcs4j.uvm.UtilityVm;
import io.hcs4j.uvm.HostedContainer;
import io.hcs4j.uvm.VmAnnotations;
import io.hcs4j.uvm.WcowOptions;
import io.hcs4j.uvm.WcowVmOptions;
import io.hcs4j.uvm.backend.HostBackend;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Hyper-V isolated Windows containers: each task (or pod) gets a Windows utility VM booted from its image's
 * {@code UtilityVM} folder ({@link WcowVmOptions}), and its container is created inside it through the GCS bridge
 * ({@link HostedContainer}: layers over VSMB, the scratch on SCSI, a HostedSystem document). A pod's containers
 * (CRI annotations) join their sandbox's VM.
 */
public final class WcowHypervisorBackend implements ContainerBackend {
    private final Supplier<HostBackend> host;
    private final Duration connectTimeout;
    private final Duration rpcTimeout;
    private final PodVms vms = new PodVms();

    /** @param host the shim's one backend, selected on first use */
    public WcowHypervisorBackend(Supplier<HostBackend> host, Duration connectTimeout, Duration rpcTimeout) {
        this.host = host;
        this.connectTimeout = connectTimeout;
        this.rpcTimeout = rpcTimeout;
    }

    @Override
    public String name() {
        return "wcow-hypervisor";
    }

    @Override
    public Container create(ContainerSpec spec) throws IOException {
        Spec oci = WcowSpec.read(spec);
        List<String> folders = oci.windows.layerFolders;
        HostBackend backend = host.get();
        TaskVm vm = vmFor(backend, spec, oci, folders);
        try {
            return HostedContainer.createWindows(vm.vm(), backend.storage(), backend.guestSeesHostFiles(), spec.id(),
                    oci, folders, vm.processorCount(), vm.membership(spec.id()));
        } catch (IOException | RuntimeException e) {
            vm.leave(spec.id());
            throw e;
        }
    }

    /** The sandbox's VM for a pod container; a new VM ({@code <task id>@vm}) for a sandbox or a standalone task. */
    private TaskVm vmFor(HostBackend backend, ContainerSpec spec, Spec oci, List<String> folders) throws IOException {
        if (PodVms.inSandbox(spec)) {
            TaskVm vm = vms.joinSandbox(spec);
            if (vm == null) {
                throw new IllegalStateException("container " + spec.id() + " belongs to sandbox '"
                        + PodVms.sandboxId(spec) + "', which has no Windows utility VM in this shim");
            }
            return vm;
        }
        VmAnnotations.applyPoolSize(spec.annotations());
        WcowOptions options = WcowVmOptions.of(UtilityVm.idFor(spec.id()), folders, oci, spec.annotations());
        return vms.boot(spec, onClose -> TaskVm.boot(UtilityVm.createWcow(backend.vmSystems(), options), spec.id(),
                options.processorCount, spec.bundle(), connectTimeout, rpcTimeout, onClose));
    }
}
