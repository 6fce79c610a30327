package io.hcs4j.shim.runtime.wcow;

import io.hcs4j.shim.runtime.lcow.VmRecord;
import io.hcs4j.uvm.UtilityVm;
import io.hcs4j.uvm.HostedContainer;
import io.hcs4j.uvm.WcowOptions;
import io.hcs4j.uvm.backend.HostBackend;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A started Windows utility VM and the containers it hosts: one for a standalone task, the sandbox and its
 * containers for a pod. Recorded in the owner's bundle ({@link VmRecord}) so that {@code delete} can end it after a
 * dead shim; the last container to leave closes it. Pausing pauses the whole VM, so only a container that has it to
 * itself may.
 */
final class WcowVm {
    private static final Logger log = LoggerFactory.getLogger(WcowVm.class);

    private final UtilityVm vm;
    private final int processorCount;
    private final Path recordDir;
    private final Runnable onClose;
    private final Set<String> containers = new LinkedHashSet<>();
    private boolean closed;

    private WcowVm(UtilityVm vm, int processorCount, Path recordDir, Runnable onClose) {
        this.vm = vm;
        this.processorCount = processorCount;
        this.recordDir = recordDir;
        this.onClose = onClose;
    }

    /** Creates and boots the VM, records it in {@code recordDir}; {@code onClose} runs once the last container left. */
    static WcowVm boot(HostBackend host, WcowOptions options, Path recordDir, Duration connectTimeout,
                       Duration rpcTimeout, Runnable onClose) throws IOException {
        UtilityVm vm = UtilityVm.createWcow(host.vmSystems(), options);
        try {
            vm.start(connectTimeout, rpcTimeout);
            new VmRecord(vm.id()).write(recordDir);
            log.info("Windows utility VM {} started", vm.id());
            return new WcowVm(vm, options.processorCount, recordDir, onClose);
        } catch (IOException | RuntimeException e) {
            vm.close();
            throw e;
        }
    }

    UtilityVm vm() {
        return vm;
    }

    int processorCount() {
        return processorCount;
    }

    synchronized void join(String containerId) throws IOException {
        if (closed) {
            throw new IOException("utility VM " + vm.id() + " is closed");
        }
        containers.add(containerId);
    }

    /** A container leaves; the last one closes the VM and removes its record. */
    void leave(String containerId) {
        synchronized (this) {
            containers.remove(containerId);
            if (!containers.isEmpty() || closed) {
                return;
            }
            closed = true;
        }
        vm.close();
        try {
            VmRecord.remove(recordDir);
        } catch (IOException e) {
            log.warn("{}: record not removed: {}", vm.id(), e.getMessage());
        }
        onClose.run();
        log.info("Windows utility VM {} closed", vm.id());
    }

    /** How container {@code containerId} pauses, resumes and leaves this VM. */
    HostedContainer.Membership membership(String containerId) {
        return new HostedContainer.Membership() {
            @Override
            public void pause() throws IOException {
                WcowVm.this.pause(containerId);
            }

            @Override
            public void resume() throws IOException {
                WcowVm.this.resume(containerId);
            }

            @Override
            public void leave() {
                WcowVm.this.leave(containerId);
            }
        };
    }

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
