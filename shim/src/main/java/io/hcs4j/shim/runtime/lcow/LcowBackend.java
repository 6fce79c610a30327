package io.hcs4j.shim.runtime.lcow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.schema.Json;
import io.hcs4j.shim.runtime.ContainerBackend;
import io.hcs4j.shim.runtime.ContainerSpec;
import io.hcs4j.cow.Container;
import io.hcs4j.uvm.Resource;
import io.hcs4j.uvm.UtilityVm;
import io.hcs4j.uvm.backend.HostBackend;
import io.hcs4j.uvm.guest.GuestContainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The LCOW path: Linux containers in utility VMs booted through the host's backend (HCS, or the emulator on
 * Linux, whose guest sees the host's file system). A standalone task gets its own VM {@code <task id>@vm}; a pod's
 * sandbox gets one that the pod's containers (CRI annotations) share. containerd's rootfs mounts become the
 * container's combined layers in the guest.
 */
public final class LcowBackend implements ContainerBackend {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LcowBackend.class);
    /** CRI's annotations: "sandbox" or "container", and the sandbox a container belongs to. */
    static final String CONTAINER_TYPE = "io.kubernetes.cri.container-type";
    static final String SANDBOX_ID = "io.kubernetes.cri.sandbox-id";

    private final Supplier<HostBackend> host;
    private final Duration connectTimeout;
    private final Duration rpcTimeout;
    private final Map<String, LcowVm> sandboxes = new HashMap<>();

    public LcowBackend(HostBackend host, Duration connectTimeout, Duration rpcTimeout) {
        this(() -> host, connectTimeout, rpcTimeout);
    }

    /** @param host the shim's one backend, selected on first use (selecting it starts the emulator: slow once) */
    public LcowBackend(Supplier<HostBackend> host, Duration connectTimeout, Duration rpcTimeout) {
        this.host = host;
        this.connectTimeout = connectTimeout;
        this.rpcTimeout = rpcTimeout;
    }

    /** Selects the backend and loads what creating a VM uses (JSON documents, the HCS calls), creating nothing. */
    @Override
    public void warmUp() {
        try {
            Json.write(io.hcs4j.uvm.LcowDocument.build(new io.hcs4j.uvm.LcowOptions(UtilityVm.idFor("warm-up"))));
            host.get().hcs().enumerateComputeSystems(Json.mapper().createObjectNode(), io.hcs4j.schema.v1.ContainerProperties.class);
        } catch (IOException | RuntimeException e) {
            log.debug("warm-up: {}", e.toString());
        }
    }

    @Override
    public String name() {
        return "lcow";
    }

    @Override
    public Container create(ContainerSpec spec) throws IOException {
        HostBackend host = this.host.get();
        if (!host.guestSeesHostFiles()) {
            // Windows hands LCOW rootfs over as lcow-layer VHDs to attach over SCSI/vPMem; not mapped yet.
            throw new UnsupportedOperationException("LCOW on real HCS needs the container's layers as VHDs "
                    + "attached to the utility VM, which this backend does not map yet");
        }
        LcowVm vm = vmFor(host, spec);
        try {
            return createIn(vm, spec);
        } catch (IOException | RuntimeException e) {
            vm.leave(spec.id());
            throw e;
        }
    }

    /** The sandbox's VM for a pod container; a new VM for a sandbox or a standalone task. */
    private LcowVm vmFor(HostBackend host, ContainerSpec spec) throws IOException {
        String type = spec.annotations().getOrDefault(CONTAINER_TYPE, "");
        if (type.equals("container")) {
            String sandbox = spec.annotations().getOrDefault(SANDBOX_ID, "");
            synchronized (sandboxes) {
                LcowVm vm = sandboxes.get(sandbox);
                if (vm == null) {
                    throw new IOException("container " + spec.id() + " belongs to sandbox '" + sandbox
                            + "', which has no utility VM in this shim");
                }
                vm.join(spec.id());
                return vm;
            }
        }
        boolean sandbox = type.equals("sandbox");
        LcowVm vm = LcowVm.boot(host, spec.id(), spec.bundle(), connectTimeout, rpcTimeout, () -> {
            if (sandbox) {
                synchronized (sandboxes) {
                    sandboxes.remove(spec.id());
                }
            }
        });
        try {
            vm.join(spec.id());
        } catch (IOException e) {
            vm.leave(spec.id());
            throw e;
        }
        if (sandbox) {
            synchronized (sandboxes) {
                sandboxes.put(spec.id(), vm);
            }
        }
        return vm;
    }

    /**
     * The container's directory in the guest, its {@code /run/gcs/c/<id>}: a guest that sees the host's files finds
     * it beside the bundle. It holds the combined rootfs and the guest's own scratch; DeleteContainerState
     * removes it.
     */
    private static Path guestDir(ContainerSpec spec) {
        return spec.bundle().resolve("lcow");
    }

    private LcowContainer createIn(LcowVm vm, ContainerSpec spec) throws IOException {
        RootfsLayers rootfs = RootfsLayers.of(spec);
        Path dir = guestDir(spec);
        Path scratch = dir.resolve("scratch");
        rootfs.prepareScratch(scratch);
        String root = dir.resolve("rootfs").toString();
        Resource layers = vm.vm().addCombinedLayers(spec.id(), root, rootfs.layers(), scratch.toString());
        try {
            GuestContainer container = vm.vm().createContainer(spec.id(), guestSpec(spec, root), dir.toString(),
                    scratch.toString());
            return new LcowContainer(spec.id(), vm, layers, container);
        } catch (IOException | RuntimeException e) {
            try {
                layers.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** The bundle's OCI spec with its root pointed at the combined layers in the guest. */
    private static ObjectNode guestSpec(ContainerSpec spec, String root) throws IOException {
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(Files.readAllBytes(spec.bundle().resolve("config.json")));
        } catch (IOException e) {
            throw new IOException("reading the OCI spec of " + spec.id() + ": " + e.getMessage(), e);
        }
        if (!(tree instanceof ObjectNode oci)) {
            throw new IOException("the OCI spec of " + spec.id() + " is not a JSON object");
        }
        oci.putObject("root").put("path", root).put("readonly", spec.readonlyRoot());
        return oci;
    }
}
