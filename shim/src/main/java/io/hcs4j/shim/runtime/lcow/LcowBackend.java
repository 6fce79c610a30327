package io.hcs4j.shim.runtime.lcow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.schema.Json;
import io.hcs4j.shim.runtime.ContainerBackend;
import io.hcs4j.shim.runtime.ContainerSpec;
import io.hcs4j.shim.runtime.PodVms;
import io.hcs4j.cow.Container;
import io.hcs4j.shim.runtime.SpecException;
import io.hcs4j.shim.runtime.TaskVm;
import io.hcs4j.uvm.LcowLayers;
import io.hcs4j.uvm.LcowOptions;
import io.hcs4j.uvm.HostedContainer;
import io.hcs4j.uvm.Resource;
import io.hcs4j.uvm.UtilityVm;
import io.hcs4j.uvm.VmAnnotations;
import io.hcs4j.uvm.backend.HostBackend;
import io.hcs4j.uvm.guest.GuestContainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The LCOW path: Linux containers in utility VMs booted through the host's backend (HCS, or the emulator on
 * Linux, whose guest sees the host's file system). A standalone task gets its own VM {@code <task id>@vm}; a pod's
 * sandbox gets one that the pod's containers (CRI annotations) share, with one guest network namespace (the
 * spec's, or a new one) hot-added before the first Create; the VM's shape comes from the runtime options and
 * annotations ({@link LcowVmOptions}). The rootfs is either VHDs, as containerd on Windows hands them over
 * ({@link VhdRootfs}: attached to the VM and combined in the guest, on every backend), or directories, as Linux's
 * containerd does ({@link RootfsLayers}: combined in the guest directly, which needs a guest that sees the host's
 * files). Everything is checked before a VM is booted or anything attached.
 */
public final class LcowBackend implements ContainerBackend {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LcowBackend.class);

    private final Supplier<HostBackend> host;
    private final Duration connectTimeout;
    private final Duration rpcTimeout;
    private final PodVms vms = new PodVms();

    public LcowBackend(HostBackend host, Duration connectTimeout, Duration rpcTimeout) {
        this(() -> host, connectTimeout, rpcTimeout);
    }

    /** @param host the shim's one backend, selected on first use (selecting it starts the emulator: slow once) */
    public LcowBackend(Supplier<HostBackend> host, Duration connectTimeout, Duration rpcTimeout) {
        this.host = host;
        this.connectTimeout = connectTimeout;
        this.rpcTimeout = rpcTimeout;
    }

    /**
     * A container spec of the usual shape (every object and list a runtime spec has): reading and writing it builds the
     * schema's Spec (de)serializers, which the guest's create request needs, beforehand (≈ 250 ms cold).
     */
    private static final String SPEC_SHAPE = "{\"ociVersion\":\"1.0.2\",\"process\":{\"user\":{\"uid\":0,\"gid\":0,"
            + "\"additionalGids\":[0]},\"args\":[\"true\"],\"env\":[\"A=b\"],\"cwd\":\"/\",\"capabilities\":{\"bounding\":[\"CAP_KILL\"],"
            + "\"effective\":[\"CAP_KILL\"],\"permitted\":[\"CAP_KILL\"]},\"rlimits\":[{\"type\":\"RLIMIT_NOFILE\",\"hard\":1,\"soft\":1}],"
            + "\"noNewPrivileges\":true},\"root\":{\"path\":\"rootfs\"},\"hostname\":\"h\",\"mounts\":[{\"destination\":\"/proc\","
            + "\"type\":\"proc\",\"source\":\"proc\",\"options\":[\"nosuid\"]}],\"linux\":{\"resources\":{\"devices\":[{\"allow\":false,"
            + "\"access\":\"rwm\"}],\"memory\":{\"limit\":1},\"cpu\":{\"shares\":1}},\"cgroupsPath\":\"/c\",\"namespaces\":[{\"type\":\"pid\"}],"
            + "\"maskedPaths\":[\"/proc/kcore\"],\"readonlyPaths\":[\"/proc/sys\"]}}";

    /** Selects the backend and loads what creating a VM and a container uses (JSON documents, the HCS calls), creating nothing. */
    @Override
    public void warmUp() {
        try {
            Json.write(io.hcs4j.uvm.LcowDocument.build(new io.hcs4j.uvm.LcowOptions(UtilityVm.idFor("warm-up"))));
            host.get().hcs().enumerateComputeSystems(Json.mapper().createObjectNode(), io.hcs4j.schema.v1.ContainerProperties.class);
            // Last: a container is created after its VM boots.
            Json.write(Json.read(SPEC_SHAPE, io.hcs4j.schema.oci.Spec.class));
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
        ObjectNode oci = readSpec(spec);
        List<String> layerFolders = layerFolders(oci);
        VhdRootfs vhds = null;
        RootfsLayers directories = null;
        if (VhdRootfs.isVhdRootfs(spec, layerFolders)) {
            vhds = VhdRootfs.of(spec, layerFolders);
        } else if (host.guestSeesHostFiles()) {
            directories = RootfsLayers.of(spec);
        } else {
            throw new UnsupportedOperationException("a utility VM on real HCS takes the rootfs as lcow-layer VHDs "
                    + "(containerd's windows-lcow snapshotter), not as " + (spec.layers().isEmpty() ? "a directory"
                    : spec.layers().get(0).type() + " mounts"));
        }
        TaskVm vm = vmFor(host, spec);
        try {
            return vhds != null ? createFromVhds(vm, spec, oci, vhds, guestDir(host, spec))
                    : createIn(vm, spec, oci, directories);
        } catch (IOException | RuntimeException e) {
            vm.leave(spec.id());
            throw e;
        }
    }

    /** The sandbox's VM for a pod container; a new VM for a sandbox or a standalone task. */
    private TaskVm vmFor(HostBackend host, ContainerSpec spec) throws IOException {
        if (PodVms.inSandbox(spec)) {
            TaskVm vm = vms.joinSandbox(spec);
            if (vm == null) {
                throw new IOException("container " + spec.id() + " belongs to sandbox '" + PodVms.sandboxId(spec)
                        + "', which has no utility VM in this shim");
            }
            return vm;
        }
        String namespace = networkNamespace(spec);
        VmAnnotations.applyPoolSize(spec.annotations());
        LcowOptions options = LcowVmOptions.of(UtilityVm.idFor(spec.id()), spec.annotations());
        if (host.guestSeesHostFiles()) {
            // The emulated guest shares the host's file system: the paths the VM picks go under the owner's bundle.
            options.guestPathPrefix = spec.bundle().resolve("vm").toString();
        }
        return vms.boot(spec, onClose -> {
            TaskVm vm = TaskVm.boot(UtilityVm.createLcow(host.vmSystems(), options), spec.id(),
                    options.processorCount, spec.bundle(), connectTimeout, rpcTimeout, onClose);
            try {
                vm.addNetworkNamespace(namespace == null ? UUID.randomUUID().toString() : namespace);
            } catch (IOException | RuntimeException e) {
                vm.leave(spec.id());
                throw e;
            }
            return vm;
        });
    }

    /** The spec's {@code windows.network.networkNamespace} (CRI names the pod's), null when it names none. */
    private static String networkNamespace(ContainerSpec spec) throws IOException {
        String namespace = readSpec(spec).path("windows").path("network").path("networkNamespace").asText("");
        return namespace.isEmpty() ? null : namespace;
    }

    /** The spec's {@code windows.layerFolders} (hcsshim's other way to name VHD layers), empty when none. */
    private static List<String> layerFolders(ObjectNode oci) throws SpecException {
        JsonNode folders = oci.path("windows").path("layerFolders");
        if (folders.isMissingNode() || folders.isNull()) {
            return List.of();
        }
        List<String> paths = new ArrayList<>();
        for (JsonNode f : folders) {
            if (!f.isTextual() || f.asText().isEmpty()) {
                throw SpecException.invalid("windows.layerFolders holds " + f + ", not a folder path");
            }
            paths.add(f.asText());
        }
        if (!folders.isArray() || paths.size() == 1) {
            throw SpecException.invalid("windows.layerFolders must list the layers and then the scratch folder: "
                    + folders);
        }
        return paths;
    }

    /**
     * The container's directory in the guest: hcsshim's {@code /run/gcs/c/<id>}, or beside the bundle for a guest
     * that sees the host's files. It holds the combined rootfs and the scratch; DeleteContainerState removes it.
     */
    private static String guestDir(HostBackend host, ContainerSpec spec) {
        return host.guestSeesHostFiles() ? spec.bundle().resolve("lcow").toString() : "/run/gcs/c/" + spec.id();
    }

    /** Attaches the VHDs and combines them in the guest ({@link LcowLayers}), then creates the container on them. */
    private HostedContainer createFromVhds(TaskVm vm, ContainerSpec spec, ObjectNode oci, VhdRootfs rootfs,
                                         String dir) throws IOException {
        List<String> layers = rootfs.layers().stream().map(Path::toString).toList();
        LcowLayers mounted = LcowLayers.mount(vm.vm(), spec.id(), layers,
                rootfs.scratch() == null ? null : rootfs.scratch().toString(), dir);
        try {
            GuestContainer container = vm.vm().createContainer(spec.id(),
                    guestSpec(oci, spec, mounted.guestPath(), vm.networkNamespace()), dir, mounted.scratchDir());
            return HostedContainer.linux(spec.id(), vm.vm(), vm.membership(spec.id()), mounted, container);
        } catch (IOException | RuntimeException e) {
            try {
                mounted.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private HostedContainer createIn(TaskVm vm, ContainerSpec spec, ObjectNode oci, RootfsLayers rootfs)
            throws IOException {
        Path dir = spec.bundle().resolve("lcow");
        Path scratch = dir.resolve("scratch");
        rootfs.prepareScratch(scratch);
        String root = dir.resolve("rootfs").toString();
        Resource layers = vm.vm().addCombinedLayers(spec.id(), root, rootfs.layers(), scratch.toString());
        try {
            GuestContainer container = vm.vm().createContainer(spec.id(), guestSpec(oci, spec, root,
                    vm.networkNamespace()), dir.toString(), scratch.toString());
            return HostedContainer.linux(spec.id(), vm.vm(), vm.membership(spec.id()), layers, container);
        } catch (IOException | RuntimeException e) {
            try {
                layers.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * The bundle's OCI spec with its root pointed at the combined layers in the guest, its network namespace
     * the VM's (as hcsshim sets {@code windows.network.networkNamespace}), no layer folders (host paths) and the
     * task's annotations.
     */
    private static ObjectNode guestSpec(ObjectNode bundleSpec, ContainerSpec spec, String root, String networkNamespace) {
        ObjectNode oci = bundleSpec.deepCopy();
        oci.putObject("root").put("path", root).put("readonly", spec.readonlyRoot());
        JsonNode windows = oci.path("windows");
        ObjectNode windowsNode = windows instanceof ObjectNode w ? w : oci.putObject("windows");
        windowsNode.remove("layerFolders");
        JsonNode network = windowsNode.path("network");
        ObjectNode networkNode = network instanceof ObjectNode n ? n : windowsNode.putObject("network");
        networkNode.put("networkNamespace", networkNamespace);
        // The guest tells a pod's sandbox and containers apart by the spec's CRI annotations.
        if (!spec.annotations().isEmpty()) {
            JsonNode annotations = oci.path("annotations");
            ObjectNode annotationsNode = annotations instanceof ObjectNode a ? a : oci.putObject("annotations");
            spec.annotations().forEach((k, v) -> {
                if (!annotationsNode.has(k)) {
                    annotationsNode.put(k, v);
                }
            });
        }
        return oci;
    }

    private static ObjectNode readSpec(ContainerSpec spec) throws IOException {
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(Files.readAllBytes(spec.bundle().resolve("config.json")));
        } catch (IOException e) {
            throw new IOException("reading the OCI spec of " + spec.id() + ": " + e.getMessage(), e);
        }
        if (!(tree instanceof ObjectNode oci)) {
            throw new IOException("the OCI spec of " + spec.id() + " is not a JSON object");
        }
        return oci;
    }
}
