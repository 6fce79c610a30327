package io.hcs4j.shim.runtime.lcow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.schema.Json;
import io.hcs4j.uvm.HostedContainer;
import io.hcs4j.uvm.LcowOptions;
import io.hcs4j.uvm.Resource;
import io.hcs4j.uvm.UtilityVm;
import io.hcs4j.uvm.backend.HostBackend;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A started utility VM and the containers it hosts: one for a standalone task, the sandbox and its
 * containers for a pod, all in the VM's one guest network namespace. The last container to leave removes the
 * namespace, closes the VM and removes its {@link VmRecord}.
 */
final class LcowVm {
    private static final Logger log = LoggerFactory.getLogger(LcowVm.class);

    private final UtilityVm vm;
    /** The task the VM was booted for: the standalone task, or the pod's sandbox. */
    private final String ownerId;
    private final Path recordDir;
    private final Runnable onClose;
    private final Set<String> containers = new LinkedHashSet<>();
    private boolean closed;
    /** The guest network namespace the VM's containers share; null until added. */
    private String networkNamespace;
    private Resource networkNamespaceResource;

    private LcowVm(UtilityVm vm, String ownerId, Path recordDir, Runnable onClose) {
        this.vm = vm;
        this.ownerId = ownerId;
        this.recordDir = recordDir;
        this.onClose = onClose;
    }

    /**
     * Creates and boots the utility VM {@code options.id} for task {@code ownerId} and records it in {@code recordDir}
     * (the owner's bundle) for a later {@code delete}. {@code onClose} runs once the last container has left.
     */
    static LcowVm boot(HostBackend host, String ownerId, LcowOptions options, Path recordDir, Duration connectTimeout,
                       Duration rpcTimeout, Runnable onClose) throws IOException {
        String id = options.id;
        UtilityVm vm = UtilityVm.createLcow(host.vmSystems(), options);
        try {
            vm.start(connectTimeout, rpcTimeout);
            new VmRecord(id).write(recordDir);
            log.info("utility VM {} started", id);
            return new LcowVm(vm, ownerId, recordDir, onClose);
        } catch (IOException | RuntimeException e) {
            vm.close();
            throw e;
        }
    }

    UtilityVm vm() {
        return vm;
    }

    String id() {
        return vm.id();
    }

    /** Whether {@code containerId} is the task the VM was booted for. */
    boolean ownedBy(String containerId) {
        return ownerId.equals(containerId);
    }

    /**
     * Adds the guest network namespace {@code id} that every container of this VM is given (hcsshim: one per
     * pod, hot-added before the sandbox's Create); it is removed when the last container leaves.
     */
    void addNetworkNamespace(String id) throws IOException {
        ObjectNode namespace = Json.mapper().createObjectNode().put("ID", id);
        namespace.putObject("SchemaVersion").put("Major", 2).put("Minor", 0);
        Resource added = vm.addNetworkNamespace(namespace);
        synchronized (this) {
            networkNamespace = id;
            networkNamespaceResource = added;
        }
    }

    /** The id of the VM's guest network namespace, null before {@link #addNetworkNamespace}. */
    synchronized String networkNamespace() {
        return networkNamespace;
    }

    /** A container joins the VM. */
    synchronized void join(String containerId) throws IOException {
        if (closed) {
            throw new IOException("utility VM " + vm.id() + " is closed");
        }
        containers.add(containerId);
    }

    /** A container leaves; the last one closes the VM. */
    void leave(String containerId) {
        synchronized (this) {
            containers.remove(containerId);
            if (!containers.isEmpty() || closed) {
                return;
            }
            closed = true;
        }
        Resource namespace;
        synchronized (this) {
            namespace = networkNamespaceResource;
            networkNamespaceResource = null;
        }
        if (namespace != null) {
            try {
                namespace.close();
            } catch (IOException e) {
                log.warn("{}: network namespace {} not removed: {}", vm.id(), networkNamespace, e.getMessage());
            }
        }
        vm.close();
        try {
            VmRecord.remove(recordDir);
        } catch (IOException e) {
            log.warn("{}: record not removed: {}", vm.id(), e.getMessage());
        }
        onClose.run();
        log.info("utility VM {} closed", vm.id());
    }

    /** How container {@code containerId} pauses, resumes and leaves this VM. */
    HostedContainer.Membership membership(String containerId) {
        return new HostedContainer.Membership() {
            @Override
            public void pause() throws IOException {
                LcowVm.this.pause(containerId);
            }

            @Override
            public void resume() throws IOException {
                LcowVm.this.resume(containerId);
            }

            @Override
            public void leave() {
                LcowVm.this.leave(containerId);
            }
        };
    }

    /** Pauses the VM for {@code containerId}, which must be the only container it hosts. */
    void pause(String containerId) throws IOException {
        onlyContainer(containerId, "paused");
        vm.pause();
    }

    void resume(String containerId) throws IOException {
        onlyContainer(containerId, "resumed");
        vm.resume();
    }

    private synchronized void onlyContainer(String containerId, String what) {
        if (containers.size() != 1 || !containers.contains(containerId)) {
            throw new UnsupportedOperationException("container " + containerId + " cannot be " + what + " alone: "
                    + "the guest has no per-container pause, and its utility VM " + vm.id() + " also hosts "
                    + (containers.size() - 1) + " other container(s)");
        }
    }
}
