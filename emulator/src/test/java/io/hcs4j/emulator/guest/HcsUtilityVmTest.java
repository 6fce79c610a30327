package io.hcs4j.emulator.guest;

import io.hcs4j.emulator.hcs.Emulator;
import io.hcs4j.hcs.HcsGeneration;
import io.hcs4j.hcs.HcsService;
import io.hcs4j.schema.Json;
import io.hcs4j.schema.guest.ModificationRequest;
import io.hcs4j.schema.guest.RequestType;
import io.hcs4j.schema.guest.ResourceType;
import io.hcs4j.schema.oci.LinuxResources;
import io.hcs4j.schema.v2.ProcessParameters;
import io.hcs4j.schema.v2.PropertyType;
import io.hcs4j.uvm.HcsVmSystem;
import io.hcs4j.uvm.LcowOptions;
import io.hcs4j.uvm.UtilityVm;
import io.hcs4j.uvm.VmUpdate;
import io.hcs4j.uvm.bridge.BridgeClosedException;
import io.hcs4j.uvm.bridge.GcsException;
import io.hcs4j.uvm.guest.GuestProcess;
import io.hcs4j.uvm.transport.HvSocketDirs;
import io.hcs4j.uvm.transport.UnixSocketTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /**
     * The owning task's update of a Linux VM: HCS resizes the VM (its Memory property shows the new size) and the
     * guest, told to, limits its containers' cgroup to the VM's memory less the GCS's 75 MiB; the guest refuses other
     * request types and a VM too small for its reserve, as the reference GCS does; its processor limits hold the
     * containers' cgroup too.
     */
    @Test
    void anUpdateResizesTheVmAndTheGuestLimitsItsContainersToIt() throws Exception {
        try (Emulator emulator = new Emulator()) {
            HcsService hcs = HcsService.open(emulator.backend(), HcsGeneration.COMPUTECORE);
            LcowOptions options = new LcowOptions(UtilityVm.idFor("upd-" + UUID.randomUUID().toString().substring(0, 8)));
            try (UtilityVm vm = UtilityVm.createLcow(HcsVmSystem.factory(hcs, UnixSocketTransport.PER_VM_DIRECTORY),
                    options)) {
                vm.start(Duration.ofSeconds(30), Duration.ofSeconds(30));
                vm.update(VmUpdate.of(Json.read("{\"memory\":{\"limit\":536870912},\"cpu\":{\"quota\":50000}}",
                        LinuxResources.class)));
                long available = vm.properties(PropertyType.MEMORY).memory.virtualMachineMemory.availableMemory;
                assertTrue(available > 256 && available <= 512, "available of the new 512 MB: " + available);
                Cgroups cgroups = Cgroups.detect(Cgroups.DEFAULT_ROOT).cgroups();
                if (cgroups != null) {
                    Path vmCgroup = (cgroups.v2 ? cgroups.root : cgroups.root.resolve("memory")).resolve(Cgroups.PARENT)
                            .resolve(Cgroups.vmName(HvSocketDirs.forVm(vm.id())));
                    assertEquals(Long.toString((512 - 75) << 20),
                            Files.readString(vmCgroup.resolve(cgroups.v2 ? "memory.max" : "memory.limit_in_bytes")).strip());
                    // hcsshim passes the quota as ProcessorLimits.Limit: 50000 thousandths of a percent, half the VM's
                    // processors' time, which holds all its containers together.
                    Path cpuCgroup = (cgroups.v2 ? cgroups.root : cgroups.root.resolve("cpu")).resolve(Cgroups.PARENT)
                            .resolve(Cgroups.vmName(HvSocketDirs.forVm(vm.id())));
                    long quota = options.processorCount * 100_000L / 2;
                    assertEquals(cgroups.v2 ? quota + " 100000" : Long.toString(quota),
                            Files.readString(cpuCgroup.resolve(cgroups.v2 ? "cpu.max" : "cpu.cfs_quota_us")).strip());
                }
                ModificationRequest add = new ModificationRequest();
                add.resourceType = ResourceType.POD_CGROUP_MEMORY_LIMIT;
                add.requestType = RequestType.ADD;
                GcsException refused = assertThrows(GcsException.class, () -> vm.guest().modify(add));
                assertTrue(refused.getMessage().contains("the RequestType \"Add\" is not supported"), refused.getMessage());
                IOException tooSmall = assertThrows(IOException.class, () -> vm.update(VmUpdate.of(
                        Json.read("{\"memory\":{\"limit\":67108864}}", LinuxResources.class))));
                assertTrue(tooSmall.getMessage().contains("must be greater than root memory reserve"), tooSmall.getMessage());
            }
        }
    }

    /** The agent process, fresh or taken from the pool: the one the emulator recorded for the VM. */
    private static long agentPid(UtilityVm vm) {
        try {
            return GuestRecords.read(vm.id()).orElseThrow().agentPid();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
