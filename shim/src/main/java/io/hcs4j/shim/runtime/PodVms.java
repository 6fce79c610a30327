package io.hcs4j.shim.runtime;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The utility VMs a shim boots for its tasks, as hcsshim shares them: a standalone task and a pod's sandbox get a
 * VM of their own, and a pod's containers (CRI's annotations name the pod) join their sandbox's, found here while it
 * lives.
 */
public final class PodVms {
    /** CRI's annotations: "sandbox" or "container", and the sandbox a container belongs to. */
    public static final String CONTAINER_TYPE = "io.kubernetes.cri.container-type";
    public static final String SANDBOX_ID = "io.kubernetes.cri.sandbox-id";

    /** Boots a task's own VM, {@link TaskVm#boot} with {@code onClose}. */
    public interface Boot {
        TaskVm boot(Runnable onClose) throws IOException;
    }

    private final Map<String, TaskVm> sandboxes = new HashMap<>();

    /** Whether {@code spec} is a pod's container, which runs in its sandbox's VM. */
    public static boolean inSandbox(ContainerSpec spec) {
        return spec.annotations().getOrDefault(CONTAINER_TYPE, "").equals("container");
    }

    /** The sandbox a pod's container names. */
    public static String sandboxId(ContainerSpec spec) {
        return spec.annotations().getOrDefault(SANDBOX_ID, "");
    }

    /** The VM of {@code spec}'s sandbox, which its container has joined; null when the sandbox has none here. */
    public TaskVm joinSandbox(ContainerSpec spec) throws IOException {
        synchronized (sandboxes) {
            TaskVm vm = sandboxes.get(sandboxId(spec));
            if (vm != null) {
                vm.join(spec.id());
            }
            return vm;
        }
    }

    /** Boots the VM of a sandbox or a standalone task {@code spec}; a sandbox's is found here until it closes. */
    public TaskVm boot(ContainerSpec spec, Boot boot) throws IOException {
        boolean sandbox = spec.annotations().getOrDefault(CONTAINER_TYPE, "").equals("sandbox");
        TaskVm vm = boot.boot(() -> {
            if (sandbox) {
                synchronized (sandboxes) {
                    sandboxes.remove(spec.id());
                }
            }
        });
        if (sandbox) {
            synchronized (sandboxes) {
                sandboxes.put(spec.id(), vm);
            }
        }
        return vm;
    }
}
