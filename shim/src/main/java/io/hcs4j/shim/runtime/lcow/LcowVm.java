package io.hcs4j.shim.runtime.lcow;

import io.hcs4j.hcs.ComputeSystem;
import io.hcs4j.hcs.HcsException;
import io.hcs4j.hcs.HcsService;
import io.hcs4j.uvm.LcowOptions;
import io.hcs4j.uvm.UtilityVm;
import io.hcs4j.uvm.transport.HvSocketDirs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A started utility VM and the containers it hosts: one for a standalone task, the sandbox and its
 * containers for a pod. The last container to leave closes the VM and removes its {@link VmRecord}.
 */
final class LcowVm {
    private static final Logger log = LoggerFactory.getLogger(LcowVm.class);

    private final HcsService hcs;
    private final UtilityVm vm;
    private final Path recordDir;
    private final Runnable onClose;
    private final Map<String, String> guestRoots = new LinkedHashMap<>();
    private VmRecord record;
    private boolean closed;

    private LcowVm(HcsService hcs, UtilityVm vm, Path recordDir, VmRecord record, Runnable onClose) {
        this.hcs = hcs;
        this.vm = vm;
        this.recordDir = recordDir;
        this.record = record;
        this.onClose = onClose;
    }

    /**
     * Creates and boots the utility VM {@code <ownerId>@vm} and records it in {@code recordDir} (the owner's
     * bundle) for a later {@code delete}. {@code onClose} runs once the last container has left.
     */
    static LcowVm boot(HcsService hcs, String ownerId, Path recordDir, Duration connectTimeout,
                       Duration rpcTimeout, Runnable onClose) throws IOException {
        String id = UtilityVm.idFor(ownerId);
        UtilityVm vm = UtilityVm.createLcow(hcs, new LcowOptions(id));
        try {
            vm.start(connectTimeout, rpcTimeout);
            VmRecord record;
            if (hcs.describe().startsWith("emulator")) {
                Path dir = HvSocketDirs.forVm(id);
                Optional<ProcessHandle> agent = agentOf(dir);
                record = new VmRecord(id, agent.map(ProcessHandle::pid).orElse(0L),
                        agent.flatMap(h -> h.info().startInstant()).map(t -> t.toEpochMilli()).orElse(0L),
                        dir.toString(), List.of());
            } else {
                record = new VmRecord(id, 0, 0, "", List.of());
            }
            record.write(recordDir);
            log.info("utility VM {} started (guest agent pid {})", id, record.agentPid());
            return new LcowVm(hcs, vm, recordDir, record, onClose);
        } catch (IOException | RuntimeException e) {
            vm.close();
            throw e;
        }
    }

    /** The emulator's guest agent of the VM: the child process told the VM's socket directory. */
    private static Optional<ProcessHandle> agentOf(Path socketDir) {
        byte[] wanted = (HvSocketDirs.DIR_ENV + "=" + socketDir + "\0").getBytes(StandardCharsets.UTF_8);
        return ProcessHandle.current().children().filter(h -> {
            try {
                byte[] env = Files.readAllBytes(Path.of("/proc", Long.toString(h.pid()), "environ"));
                return indexOf(env, wanted) >= 0;
            } catch (IOException e) {
                return false;
            }
        }).findFirst();
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

    UtilityVm vm() {
        return vm;
    }

    String id() {
        return vm.id();
    }

    /** A container joins the VM; its guest root is recorded so that delete can unmount it. */
    synchronized void join(String containerId, String guestRoot) throws IOException {
        if (closed) {
            throw new IOException("utility VM " + vm.id() + " is closed");
        }
        guestRoots.put(containerId, guestRoot);
        record = record.withGuestRoots(new ArrayList<>(guestRoots.values()));
        record.write(recordDir);
    }

    /** A container leaves; the last one closes the VM. */
    void leave(String containerId) {
        synchronized (this) {
            guestRoots.remove(containerId);
            if (!guestRoots.isEmpty() || closed) {
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
        log.info("utility VM {} closed", vm.id());
    }

    /** Pauses the VM for {@code containerId}, which must be the only container it hosts. */
    void pause(String containerId) throws IOException {
        onlyContainer(containerId, "paused");
        try (ComputeSystem system = hcs.openComputeSystem(vm.id())) {
            system.pause();
        } catch (HcsException e) {
            throw new IOException("pausing utility VM " + vm.id() + ": " + e.getMessage(), e);
        }
    }

    void resume(String containerId) throws IOException {
        onlyContainer(containerId, "resumed");
        try (ComputeSystem system = hcs.openComputeSystem(vm.id())) {
            system.resume();
        } catch (HcsException e) {
            throw new IOException("resuming utility VM " + vm.id() + ": " + e.getMessage(), e);
        }
    }

    private synchronized void onlyContainer(String containerId, String what) {
        if (guestRoots.size() != 1 || !guestRoots.containsKey(containerId)) {
            throw new UnsupportedOperationException("container " + containerId + " cannot be " + what + " alone: "
                    + "the guest has no per-container pause, and its utility VM " + vm.id() + " also hosts "
                    + (guestRoots.size() - 1) + " other container(s)");
        }
    }
}
