package io.hcs4j.shim.runtime.wcow;

import io.hcs4j.cow.Container;
import io.hcs4j.schema.Json;
import io.hcs4j.schema.SchemaException;
import io.hcs4j.schema.oci.Spec;
import io.hcs4j.shim.runtime.ContainerBackend;
import io.hcs4j.shim.runtime.ContainerSpec;
import io.hcs4j.uvm.UtilityVm;
import io.hcs4j.uvm.VmAnnotations;
import io.hcs4j.uvm.WcowHostedContainer;
import io.hcs4j.uvm.WcowVmOptions;
import io.hcs4j.uvm.backend.HostBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Hyper-V isolated Windows containers: each task (or pod) gets a Windows utility VM booted from its image's
 * {@code UtilityVM} folder ({@link WcowVmOptions}), and its container is created inside it through the GCS bridge
 * ({@link WcowHostedContainer}: layers over VSMB, the scratch on SCSI, a HostedSystem document). A pod's containers
 * (CRI annotations) join their sandbox's VM.
 */
public final class WcowHypervisorBackend implements ContainerBackend {
    static final String CONTAINER_TYPE = "io.kubernetes.cri.container-type";
    static final String SANDBOX_ID = "io.kubernetes.cri.sandbox-id";

    private final Supplier<HostBackend> host;
    private final Duration connectTimeout;
    private final Duration rpcTimeout;
    private final Map<String, WcowVm> sandboxes = new HashMap<>();

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
        Spec oci;
        try {
            oci = Json.read(Files.readString(spec.bundle().resolve("config.json")), Spec.class);
        } catch (SchemaException e) {
            throw new IllegalArgumentException("config.json: " + e.getMessage(), e);
        }
        List<String> folders = WcowProcessBackend.layerFolders(spec, oci.windows.layerFolders);
        HostBackend backend = host.get();
        WcowVm vm = vmFor(backend, spec, oci, folders);
        try {
            return WcowHostedContainer.create(vm.vm(), backend.storage(), backend.guestSeesHostFiles(), spec.id(), oci,
                    folders, vm.processorCount(), vm.membership(spec.id()));
        } catch (IOException | RuntimeException e) {
            vm.leave(spec.id());
            throw e;
        }
    }

    /** The sandbox's VM for a pod container; a new VM ({@code <task id>@vm}) for a sandbox or a standalone task. */
    private WcowVm vmFor(HostBackend backend, ContainerSpec spec, Spec oci, List<String> folders) throws IOException {
        String type = spec.annotations().getOrDefault(CONTAINER_TYPE, "");
        if (type.equals("container")) {
            String sandbox = spec.annotations().getOrDefault(SANDBOX_ID, "");
            synchronized (sandboxes) {
                WcowVm vm = sandboxes.get(sandbox);
                if (vm == null) {
                    throw new IllegalStateException("container " + spec.id() + " belongs to sandbox '" + sandbox
                            + "', which has no Windows utility VM in this shim");
                }
                vm.join(spec.id());
                return vm;
            }
        }
        boolean sandbox = type.equals("sandbox");
        VmAnnotations.applyPoolSize(spec.annotations());
        WcowVm vm = WcowVm.boot(backend, WcowVmOptions.of(UtilityVm.idFor(spec.id()), folders, oci, spec.annotations()),
                spec.bundle(), connectTimeout, rpcTimeout, () -> {
                    if (sandbox) {
                        synchronized (sandboxes) {
                            sandboxes.remove(spec.id());
                        }
                    }
                });
        vm.join(spec.id());
        if (sandbox) {
            synchronized (sandboxes) {
                sandboxes.put(spec.id(), vm);
            }
        }
        return vm;
    }
}
