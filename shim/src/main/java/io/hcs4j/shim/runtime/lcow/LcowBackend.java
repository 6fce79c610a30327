package io.hcs4j.shim.runtime.lcow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.hcs.HcsService;
import io.hcs4j.schema.Json;
import io.hcs4j.shim.runtime.ContainerBackend;
import io.hcs4j.shim.runtime.ContainerSpec;
import io.hcs4j.shim.runtime.RuntimeContainer;
import io.hcs4j.uvm.LcowOptions;
import io.hcs4j.uvm.Resource;
import io.hcs4j.uvm.UtilityVm;
import io.hcs4j.uvm.guest.GuestContainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Linux containers in a utility VM (LCOW), as hcsshim runs them: the rootfs layers containerd passes in Create
 * are combined in the guest, the container is created from the bundle's spec, and its processes run through the
 * GCS bridge. A pod shares one VM: the sandbox creates it, the pod's containers join it, the last one out
 * closes it. HCS is real on Windows and the emulator elsewhere (HcsService.open()).
 */
public final class LcowBackend implements ContainerBackend {
    private static final Logger log = LoggerFactory.getLogger(LcowBackend.class);
    private static final String CONTAINER_TYPE = "io.kubernetes.cri.container-type";
    private static final String SANDBOX_ID = "io.kubernetes.cri.sandbox-id";

    private final Map<String, SharedVm> vms = new HashMap<>();
    private HcsService hcs;

    @Override
    public String name() {
        return "lcow";
    }

    /** One HCS service for the shim's lifetime; opening it (backend selection, the emulator) is slow the first time. */
    private synchronized HcsService hcs() {
        if (hcs == null) {
            hcs = HcsService.open();
        }
        return hcs;
    }

    @Override
    public void warmUp() {
        hcs();
    }

    @Override
    public RuntimeContainer create(ContainerSpec spec) throws IOException {
        String pod = "container".equals(spec.annotations().get(CONTAINER_TYPE))
                ? spec.annotations().getOrDefault(SANDBOX_ID, spec.id()) : spec.id();
        SharedVm vm = acquire(pod);
        Resource layers = null;
        GuestContainer container = null;
        try {
            String guestDir = "/run/gcs/c/" + spec.id();
            String guestRoot = guestDir + "/rootfs";
            layers = vm.vm.addCombinedLayers(spec.id(), guestRoot, layerPaths(spec), spec.bundle().resolve("scratch").toString());
            ObjectNode oci = (ObjectNode) Json.mapper().readTree(Files.readAllBytes(spec.bundle().resolve("config.json")));
            oci.putObject("root").put("path", guestRoot).put("readonly", spec.readonlyRoot());
            container = vm.vm.createContainer(spec.id(), oci, guestDir, null);
            container.start();
            return new LcowContainer(spec.id(), container, layers, () -> release(pod));
        } catch (IOException | RuntimeException e) {
            if (container != null) {
                container.close();
            }
            if (layers != null) {
                try {
                    layers.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            release(pod);
            throw e;
        }
    }

    /**
     * containerd's rootfs mounts as layer paths: an overlay's lowerdirs (top first, the order overlayfs and the
     * guest use), or a bind mount's source. The snapshot's own upper layer is not used: the guest writes to
     * its scratch. Without mounts the spec's root directory is the one layer.
     */
    static List<String> layerPaths(ContainerSpec spec) throws IOException {
        List<String> paths = new ArrayList<>();
        for (ContainerSpec.Layer l : spec.layers()) {
            if (l.type().equals("overlay")) {
                for (String o : l.options()) {
                    if (o.startsWith("lowerdir=")) {
                        paths.addAll(List.of(o.substring("lowerdir=".length()).split(":")));
                    }
                }
            } else if (l.type().equals("bind") || l.options().contains("bind") || l.options().contains("rbind")) {
                paths.add(l.source());
            } else {
                throw new IOException("rootfs mount type " + l.type() + " cannot become an LCOW layer");
            }
        }
        if (paths.isEmpty()) {
            paths.add(spec.rootPath().toString());
        }
        return paths;
    }

    private synchronized SharedVm acquire(String pod) throws IOException {
        SharedVm shared = vms.get(pod);
        if (shared == null) {
            UtilityVm vm = UtilityVm.createLcow(hcs(), new LcowOptions(UtilityVm.idFor(pod)));
            try {
                vm.start();
            } catch (IOException e) {
                vm.close();
                throw e;
            }
            log.info("utility VM {} is up", vm.id());
            shared = new SharedVm(vm);
            vms.put(pod, shared);
        }
        shared.users++;
        return shared;
    }

    private synchronized void release(String pod) {
        SharedVm shared = vms.get(pod);
        if (shared != null && --shared.users == 0) {
            vms.remove(pod);
            shared.vm.close();
            log.info("utility VM {} closed", shared.vm.id());
        }
    }

    private static final class SharedVm {
        final UtilityVm vm;
        int users;

        SharedVm(UtilityVm vm) {
            this.vm = vm;
        }
    }

    /**
     * Cleans what a dead shim left of the utility VM it ran for {@code pod}. With the emulator the VM is the
     * guest agent process (found by the VM socket directory in its environment; killing it ends everything it
     * ran, in its own PID and mount namespaces) and that directory. Returns whether a VM was still running.
     * On Windows the compute system would be opened and terminated through HCS; that is not done here yet.
     */
    public static boolean cleanupAfterDeadShim(String pod) {
        java.nio.file.Path dir = io.hcs4j.uvm.transport.HvSocketDirs.forVm(UtilityVm.idFor(pod));
        byte[] marker = (io.hcs4j.uvm.transport.HvSocketDirs.DIR_ENV + "=" + dir + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        boolean killed = false;
        for (java.util.Iterator<ProcessHandle> it = ProcessHandle.allProcesses().iterator(); it.hasNext(); ) {
            ProcessHandle h = it.next();
            try {
                byte[] env = Files.readAllBytes(java.nio.file.Path.of("/proc", Long.toString(h.pid()), "environ"));
                if (indexOf(env, marker) >= 0) {
                    killed |= h.destroyForcibly();
                }
            } catch (IOException | SecurityException ignored) {
                // gone, or not readable: not ours
            }
        }
        try (var entries = Files.list(dir)) {
            for (java.util.Iterator<java.nio.file.Path> it = entries.iterator(); it.hasNext(); ) {
                Files.deleteIfExists(it.next());
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // no directory: nothing left
        }
        return killed;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (i > 0 && haystack[i - 1] != 0) {
                continue; // variables start after a NUL
            }
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
