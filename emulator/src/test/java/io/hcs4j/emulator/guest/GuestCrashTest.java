package io.hcs4j.emulator.guest;

import io.hcs4j.platform.posix.Posix;
import io.hcs4j.uvm.bridge.BridgeClosedException;
import io.hcs4j.uvm.guest.GuestContainer;
import io.hcs4j.uvm.guest.GuestProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class GuestCrashTest {
    @TempDir
    Path work;

    @Test
    void killingTheAgentFailsEveryPendingCallWithinASecondAndEndsItsProcesses() throws Exception {
        EmulatedVm vm = new EmulatedVm(work);
        try {
            GuestContainer c = vm.createContainer("c-crash", "sh", "-c", EmulatedGuestTest.LOOP);
            GuestProcess init = c.createProcess(EmulatedVm.init());
            List<GuestProcess> execs = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                execs.add(c.createProcess(EmulatedVm.exec(false, true, true, "sleep", "1001")));
            }
            List<CompletableFuture<?>> pending = new ArrayList<>();
            pending.add(init.exit());
            pending.add(c.exit());
            execs.forEach(p -> pending.add(p.exit()));

            // The guest's pids are its own (a PID namespace when root); find the sleeps as the host sees them.
            List<ProcessHandle> sleeps = hostView(vm, "c-crash");
            assertTrue(sleeps.size() >= 5, "found " + sleeps.size() + " sleeps");

            long start = System.nanoTime();
            vm.guest.kill();
            for (CompletableFuture<?> f : pending) {
                ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(1, TimeUnit.SECONDS));
                assertInstanceOf(BridgeClosedException.class, e.getCause());
            }
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1), "all failed within 1 s");
            // Nothing the guest ran survives it (as root the agent is PID 1 of its own namespace; without root,
            // orphans are the known limit of the emulation).
            vm.guest.exit().get(10, TimeUnit.SECONDS);
            if (Posix.isRoot()) {
                for (ProcessHandle sleep : sleeps) {
                    sleep.onExit().get(10, TimeUnit.SECONDS);
                }
            } else {
                sleeps.forEach(ProcessHandle::destroyForcibly);
            }
            assertThrows(BridgeClosedException.class, c::start);
        } finally {
            vm.close();
        }
    }

    /**
     * The container's processes as the host sees them: with cgroups, its cgroup's members (joined by the time
     * ExecuteProcess answers); otherwise the sleeps by their arguments (the process has exec'd by then).
     */
    private static List<ProcessHandle> hostView(EmulatedVm vm, String container) throws java.io.IOException {
        Cgroups cgroups = Cgroups.detect(Cgroups.DEFAULT_ROOT).cgroups();
        if (cgroups == null) {
            return ProcessHandle.allProcesses()
                    .filter(h -> h.info().arguments().map(a -> List.of(a).contains("1001")).orElse(false)).toList();
        }
        Path hierarchy = cgroups.v2 ? cgroups.root : cgroups.root.resolve("pids");
        Path dir = hierarchy.resolve(Cgroups.PARENT)
                .resolve(Cgroups.vmName(io.hcs4j.uvm.transport.HvSocketDirs.forVm(vm.id))).resolve(container);
        return Cgroups.procs(dir).stream().map(ProcessHandle::of).flatMap(java.util.Optional::stream).toList();
    }
}
