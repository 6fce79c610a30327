package io.hcs4j.shim.runtime.wcow;

import io.hcs4j.cow.Container;
import io.hcs4j.cow.hcs.ContainerDocuments;
import io.hcs4j.schema.Json;
import io.hcs4j.schema.SchemaException;
import io.hcs4j.schema.oci.Spec;
import io.hcs4j.schema.v2.HostedSystem;
import io.hcs4j.schema.v2.Layer;
import io.hcs4j.shim.runtime.ContainerBackend;
import io.hcs4j.shim.runtime.ContainerSpec;
import io.hcs4j.uvm.Resource;
import io.hcs4j.uvm.UtilityVm;
import io.hcs4j.uvm.backend.HostBackend;
import io.hcs4j.uvm.guest.GuestContainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Hyper-V isolated Windows containers: each task (or pod) gets a Windows utility VM booted from its image's
 * {@code UtilityVM} folder ({@link WcowVmOptions}), and its container is created inside it through the GCS bridge,
 * as hcsshim's mountHypervIsolatedWCIFSLayers and CreateContainer do: the read-only layers shared into the VM over
 * VSMB, the writable layer's scratch disk on SCSI (mounted at {@code c:\mounts\scsi\m<n>}, the container's root),
 * the layers combined there, and a HostedSystem document whose layers are the guest paths. A pod's containers (CRI
 * annotations) join their sandbox's VM.
 */
public final class WcowHypervisorBackend implements ContainerBackend {
    static final String CONTAINER_TYPE = "io.kubernetes.cri.container-type";
    static final String SANDBOX_ID = "io.kubernetes.cri.sandbox-id";
    /** The writable layer's scratch disk, as containerd's Windows snapshotter and hcsshim name it. */
    static final String SCRATCH_DISK = "sandbox.vhdx";

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
            return createIn(backend, vm, spec.id(), oci, folders);
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

    private static WcowVmContainer createIn(HostBackend backend, WcowVm vm, String id, Spec oci, List<String> folders)
            throws IOException {
        List<Resource> added = new ArrayList<>();
        try {
            List<Layer> layers = new ArrayList<>();
            for (String folder : folders.subList(0, folders.size() - 1)) {
                Resource share = vm.vm().addVsmb(folder, true);
                added.add(share);
                Layer l = new Layer();
                l.id = backend.storage().layerId(folder);
                l.path = share.guestPath();
                layers.add(l);
            }
            String scratchFolder = folders.get(folders.size() - 1);
            Resource scratch = vm.vm().addScsiDisk(scratchDisk(backend, scratchFolder), null, false);
            added.add(scratch);
            String root = scratch.guestPath();
            added.add(vm.vm().addCombinedLayersWcow(root, layers));
            HostedSystem document = ContainerDocuments.hosted(oci,
                    new ContainerDocuments.Layers(root, scratchFolder, layers), vm.processorCount());
            GuestContainer container = vm.vm().createHostedContainer(id, document);
            return new WcowVmContainer(id, vm, added, container);
        } catch (IOException | RuntimeException e) {
            IOException undo = WcowVmContainer.release(id, added);
            if (undo != null) {
                e.addSuppressed(undo);
            }
            throw e;
        }
    }

    /**
     * The writable layer's disk to attach: its {@code sandbox.vhdx}; a backend whose VMs see the host's files (the
     * emulator) takes the layer folder itself, as its emulated disks may be directories.
     */
    static String scratchDisk(HostBackend backend, String scratchFolder) {
        Path vhd = Path.of(scratchFolder, SCRATCH_DISK);
        if (Files.isRegularFile(vhd)) {
            return vhd.toString();
        }
        if (backend.guestSeesHostFiles()) {
            return scratchFolder;
        }
        throw new IllegalStateException("the writable layer " + scratchFolder + " has no " + SCRATCH_DISK);
    }
}
