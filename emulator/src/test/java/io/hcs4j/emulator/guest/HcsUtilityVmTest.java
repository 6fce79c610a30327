package io.hcs4j.emulator.guest;

import io.hcs4j.emulator.hcs.Emulator;
import io.hcs4j.hcs.HcsGeneration;
import io.hcs4j.hcs.HcsService;
import io.hcs4j.schema.v2.ProcessParameters;
import io.hcs4j.uvm.HcsVmSystem;
import io.hcs4j.uvm.LcowOptions;
import io.hcs4j.uvm.UtilityVm;
import io.hcs4j.uvm.bridge.BridgeClosedException;
import io.hcs4j.uvm.guest.GuestProcess;
import io.hcs4j.uvm.transport.UnixSocketTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A utility VM through the HCS facade over the HCS emulator, which boots the guest through its GuestLauncher. */
@Timeout(60)
class HcsUtilityVmTest {

    @Test
    void bootsThroughTheHcsEmulatorHotAddsAndACrashEndsTheBridge(@TempDir Path work) throws Exception {
        // The emulated VM plugs in only a disk whose host path exists.
        Path disk = Files.writeString(work.resolve("a.vhdx"), "");
        // Its own emulator (booting guests through the registered GuestLauncher), closed at the end so that
        // none of its threads outlive the test.
        try (Emulator emulator = new Emulator()) {
            run(HcsService.open(emulator.backend(), HcsGeneration.COMPUTECORE), disk);
        }
    }

    private static void run(HcsService hcs, Path disk) throws Exception {
        LcowOptions options = new LcowOptions(UtilityVm.idFor("hcs-" + UUID.randomUUID().toString().substring(0, 8)));
        UtilityVm crashed;
        try (UtilityVm vm = UtilityVm.createLcow(HcsVmSystem.factory(hcs, UnixSocketTransport.PER_VM_DIRECTORY), options)) {
            crashed = vm;
            vm.start(Duration.ofSeconds(30), Duration.ofSeconds(30));
            // The emulated VM takes the device (HCS modify), the guest acknowledges its mapping.
            vm.addScsiDisk(disk.toString(), "/run/mounts/a", true).close();
            ProcessParameters sleep = new ProcessParameters();
            sleep.commandArgs = List.of("/bin/sleep", "1000");
            GuestProcess p = vm.createProcess(sleep);
            // Killing the guest agent is a VM crash: every pending call fails, promptly.
            ProcessHandle.of(agentPid(vm)).ifPresent(ProcessHandle::destroyForcibly);
            ExecutionException e = assertThrows(ExecutionException.class, () -> p.exit().get(5, TimeUnit.SECONDS));
            assertInstanceOf(BridgeClosedException.class, e.getCause());
            // HCS reports the crash as the system's exit.
            vm.exit().get(10, TimeUnit.SECONDS);
        }
        crashed.exit().get(10, TimeUnit.SECONDS);
    }

    /** The agent process: the host's child whose command runs GuestAgentMain (through unshare when root). */
    private static long agentPid(UtilityVm vm) {
        return ProcessHandle.current().children()
                .filter(h -> h.info().commandLine().orElse("").contains(GuestAgentMain.class.getName()))
                .findFirst().orElseThrow().pid();
    }
}
