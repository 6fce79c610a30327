package io.hcs4j.emulator.guest;

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
                execs.add(c.createProcess(EmulatedVm.exec(false, true, true, "sleep", "1000")));
            }
            List<CompletableFuture<?>> pending = new ArrayList<>();
            pending.add(init.exit());
            pending.add(c.exit());
            execs.forEach(p -> pending.add(p.exit()));

            long start = System.nanoTime();
            vm.guest.kill();
            for (CompletableFuture<?> f : pending) {
                ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(1, TimeUnit.SECONDS));
                assertInstanceOf(BridgeClosedException.class, e.getCause());
            }
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1), "all failed within 1 s");
            // Nothing the guest ran survives it.
            vm.guest.exit().get(10, TimeUnit.SECONDS);
            for (GuestProcess p : execs) {
                assertTrue(ProcessHandle.allProcesses().noneMatch(h -> h.pid() == p.pid()
                        && h.info().command().orElse("").endsWith("sleep")) || p.pid() < 300,
                        "pid " + p.pid() + " is gone");
            }
            assertThrows(BridgeClosedException.class, c::start);
        } finally {
            vm.close();
        }
    }
}
