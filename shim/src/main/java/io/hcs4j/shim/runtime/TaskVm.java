package io.hcs4j.shim.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.schema.Json;
import io.hcs4j.uvm.HostedContainer;
import io.hcs4j.uvm.Resource;
import io.hcs4j.uvm.UtilityVm;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A started utility VM (Linux or Windows) and the containers it hosts: one for a standalone task, the sandbox and
 * its containers for a pod ({@link PodVms}). Recorded in the owner's bundle ({@link VmRecord}) so that
 * {@code delete} can end it after a dead shim. The last container to leave removes the VM's guest network
 * namespace, if it was given one, closes the VM and removes its record. Pausing pauses the whole VM, so only a
 * container that has it to itself may.
 */
public final class TaskVm {
    private static final Logger log = LoggerFactory.getLogger(TaskVm.class);

    private final UtilityVm vm;
    /** The task the VM was booted for: the standalone task, or the pod's sandbox. */
    private final String ownerId;
    private final int processorCount;
    private final Path recordDir;
    private final Runnable onClose;
    private final Set<String> containers = new LinkedHashSet<>();
    private boolean closed;
    /** The guest network namespace the VM's containers share; null until added. */
    private String networkNamespace;
    private Resource networkNamespaceResource;

    private TaskVm(UtilityVm vm, String ownerId, int processorCount, Path recordDir, Runnable onClose) {
        this.vm = vm;
        this.ownerId = ownerId;
        this.processorCount = processorCount;
        this.recordDir = recordDir;
        this.onClose = onClose;
    }

    /**
     * Boots the created utility VM {@code vm} of {@code processorCount} processors for task {@code ownerId}, which
     * joins it, and records it in {@code recordDir} (the owner's bundle) for a later {@code delete}; closes it when it
     * does not start. {@code onClose} runs once the last container has left.
     */
    public static TaskVm boot(UtilityVm vm, String ownerId, int processorCount, Path recordDir,
                              Duration connectTimeout, Duration rpcTimeout, Runnable onClose) throws IOException {
        try {
            vm.start(connectTimeout, rpcTimeout);
            new VmRecord(vm.id()).write(recordDir);
            log.info("utility VM {} started", vm.id());
        } catch (IOException | RuntimeException e) {
            vm.close();
            throw e;
        }
        TaskVm started = new TaskVm(vm, ownerId, processorCount, recordDir, onClose);
        started.join(ownerId);
        return started;
    }

    public UtilityVm vm() {
        return vm;
    }

    /** The processors the VM was booted with (a Windows container's HostedSystem document names them). */
    public int processorCount() {
        return processorCount;
    }

    /** Whether {@code containerId} is the task the VM was booted for. */
    public boolean ownedBy(String containerId) {
        return ownerId.equals(containerId);
    }

    /**
     * Adds the guest network namespace {@code id} that every container of this VM is given (hcsshim: one per
     * pod, hot-added before the sandbox's Create); it is removed when the last container leaves.
     */
    public void addNetworkNamespace(String id) throws IOException {
        ObjectNode namespace = Json.mapper().createObjectNode().put("ID", id);
        namespace.putObject("SchemaVersion").put("Major", 2).put("Minor", 0);
        Resource added = vm.addNetworkNamespace(namespace);
        synchronized (this) {
            networkNamespace = id;
            networkNamespaceResource = added;
        }
    }

    /** The id of the VM's guest network namespace, null before {@link #addNetworkNamespace}. */
    public synchronized String networkNamespace() {
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
    public void leave(String containerId) {
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
    public HostedContainer.Membership membership(String containerId) {
        return new HostedContainer.Membership() {
            @Override
            public void pause() throws IOException {
                onlyContainer(containerId, "paused");
                vm.pause();
            }

            @Override
            public void resume() throws IOException {
                onlyContainer(containerId, "resumed");
                vm.resume();
            }

            @Override
            public void leave() {
                TaskVm.this.leave(containerId);
            }

            @Override
            public boolean ownsVm() {
                return ownedBy(containerId);
            }
        };
    }

    /** {@code containerId} must be the only container the VM hosts. */
    private synchronized void onlyContainer(String containerId, String what) {
        if (containers.size() != 1 || !containers.contains(containerId)) {
            throw new UnsupportedOperationException("container " + containerId + " cannot be " + what + " alone: "
                    + "the guest has no per-container pause, and its utility VM " + vm.id() + " also hosts "
                    + (containers.size() - 1) + " other container(s)");
        }
    }
}
