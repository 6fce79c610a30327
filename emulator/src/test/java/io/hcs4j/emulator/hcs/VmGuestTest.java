package io.hcs4j.emulator.hcs;

import com.fasterxml.jackson.databind.JsonNode;
import io.hcs4j.hcs.ComputeSystem;
import io.hcs4j.hcs.HcsErrorKind;
import io.hcs4j.hcs.HcsGeneration;
import io.hcs4j.hcs.HcsService;
import io.hcs4j.hcs.SystemExit;
import io.hcs4j.hcs.raw.HResults;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Emulated VMs boot their guest through the GuestLauncher; a guest that dies is a crashed VM. */
@Timeout(60)
class VmGuestTest {
    static final Duration WAIT = Duration.ofSeconds(20);
    static final TestGuests.Switchable GUESTS = new TestGuests.Switchable();
    static Emulator emulator;

    @BeforeAll
    static void start() {
        emulator = new Emulator(GUESTS);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @AfterEach
    void reset() {
        GUESTS.reset();
        assertEquals(0, emulator.heap().outstanding());
    }

    static HcsService service(HcsGeneration g) {
        return HcsService.open(emulator.backend(), g);
    }

    @ParameterizedTest
    @EnumSource(HcsGeneration.class)
    void aGuestThatDiesCrashesTheVm(HcsGeneration g) throws Exception {
        try (ComputeSystem vm = service(g).createComputeSystem(Docs.id(), Docs.vm())) {
            vm.start();
            TestGuests.ProcessGuest guest = GUESTS.last;
            assertNotNull(guest, "start launched a guest");
            assertTrue(guest.process.isAlive());
            JsonNode props = vm.properties(Docs.query("Memory"), JsonNode.class);
            assertEquals("VirtualMachine", props.get("SystemType").asText());
            assertEquals(512, props.get("Memory").get("VirtualMachineMemory").get("AvailableMemory").asInt());

            guest.process.destroyForcibly();
            SystemExit exit = vm.waitExit(WAIT);
            assertEquals("UnexpectedExit", exit.exitType());
            assertEquals(HResults.HCS_E_UNEXPECTED_EXIT, exit.status());
            assertEquals("Stopped", vm.properties(Docs.query(), JsonNode.class).get("State").asText());
        }
    }

    @ParameterizedTest
    @EnumSource(HcsGeneration.class)
    void terminateAndShutdownKillTheGuest(HcsGeneration g) throws Exception {
        try (ComputeSystem vm = service(g).createComputeSystem(Docs.id(), Docs.vm())) {
            vm.start();
            TestGuests.ProcessGuest guest = GUESTS.last;
            vm.terminate();
            assertEquals("ForcedExit", vm.waitExit(WAIT).exitType());
            guest.process.onExit().get(10, TimeUnit.SECONDS);
        }
        try (ComputeSystem vm = service(g).createComputeSystem(Docs.id(), Docs.vm())) {
            vm.start();
            TestGuests.ProcessGuest guest = GUESTS.last;
            vm.shutdown();
            assertEquals("GracefulExit", vm.waitExit(WAIT).exitType());
            guest.process.onExit().get(10, TimeUnit.SECONDS);
            assertFalse(guest.process.isAlive());
        }
    }

    @ParameterizedTest
    @EnumSource(HcsGeneration.class)
    void pausingTheVmFreezesItsGuest(HcsGeneration g) throws Exception {
        try (ComputeSystem vm = service(g).createComputeSystem(Docs.id(), Docs.vm())) {
            vm.start();
            TestGuests.ProcessGuest guest = GUESTS.last;
            vm.pause();
            assertEquals("Paused", vm.properties(Docs.query(), JsonNode.class).get("State").asText());
            assertTrue(eventually(() -> schedulerState(guest.process.pid()) == 'T'),
                    "the guest is stopped while the VM is paused");
            vm.resume();
            assertEquals("Running", vm.properties(Docs.query(), JsonNode.class).get("State").asText());
            assertTrue(eventually(() -> schedulerState(guest.process.pid()) != 'T'), "the guest runs again");
        }
    }

    interface Check {
        boolean holds() throws Exception;
    }

    /** Polls a state the kernel changes asynchronously (signal delivery), for at most 5 s. */
    private static boolean eventually(Check check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
        return true;
    }

    /** The state letter of /proc/PID/stat (R, S, D, T, Z...). */
    private static char schedulerState(long pid) throws java.io.IOException {
        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(pid), "stat"));
        return stat.charAt(stat.lastIndexOf(')') + 2);
    }

    @Test
    void withoutALauncherAVmRunsWithNoGuest() throws Exception {
        try (Emulator bare = new Emulator(null);
             ComputeSystem vm = HcsService.open(bare.backend(), HcsGeneration.COMPUTECORE)
                     .createComputeSystem(Docs.id(), Docs.vm())) {
            vm.start();
            assertEquals("Running", vm.properties(Docs.query(), JsonNode.class).get("State").asText());
            vm.terminate();
            vm.waitExit(WAIT);
        }
    }

    /**
     * hcsshim's update of a utility VM: the memory size and the processor limits, without a RequestType. The new size
     * shows in the Memory property and reaches the guest; a container, a stopped VM and bad settings are refused.
     */
    @ParameterizedTest
    @EnumSource(HcsGeneration.class)
    void aRunningVmsMemoryAndProcessorLimitsAreUpdated(HcsGeneration g) throws Exception {
        java.util.List<Long> resized = new java.util.concurrent.CopyOnWriteArrayList<>();
        GUESTS.delegate = (id, doc) -> new TestGuests.ProcessGuest() {
            @Override
            public void memoryResized(long sizeMb) {
                resized.add(sizeMb);
            }
        };
        String memory = "{\"ResourcePath\":\"VirtualMachine/ComputeTopology/Memory/SizeInMB\",\"Settings\":%s}";
        String limits = "{\"ResourcePath\":\"VirtualMachine/ComputeTopology/Processor/Limits\",\"Settings\":%s}";
        try (ComputeSystem vm = service(g).createComputeSystem(Docs.id(), Docs.vm())) {
            BadInputTest.fails(HcsErrorKind.INVALID_STATE, () -> vm.modify(memory.formatted(1024)));
            vm.start();
            vm.modify(memory.formatted(1024));
            vm.modify(limits.formatted("{\"Limit\":2500,\"Weight\":200}"));
            assertEquals(1024, vm.properties(Docs.query("Memory"), JsonNode.class)
                    .at("/Memory/VirtualMachineMemory/AvailableMemory").asInt(), "available of the new 1024 MB");
            assertEquals(java.util.List.of(1024L), resized, "the guest sees its new memory");
            BadInputTest.fails(HcsErrorKind.INVALID_DATA, () -> vm.modify(memory.formatted(0)));
            BadInputTest.fails(HcsErrorKind.INVALID_DATA, () -> vm.modify(memory.formatted("\"lots\"")));
            BadInputTest.fails(HcsErrorKind.INVALID_DATA, () -> vm.modify(limits.formatted("{\"Limit\":100001}")));
            BadInputTest.fails(HcsErrorKind.INVALID_DATA, () -> vm.modify(limits.formatted("{\"Weight\":10001}")));
            BadInputTest.fails(HcsErrorKind.INVALID_DATA, () -> vm.modify(
                    "{\"ResourcePath\":\"VirtualMachine/ComputeTopology/Memory/SizeInMB\",\"RequestType\":\"Remove\"}"));
            assertEquals(java.util.List.of(1024L), resized, "a refused update reaches no guest");
            vm.terminate();
            vm.waitExit(WAIT);
            BadInputTest.fails(HcsErrorKind.INVALID_STATE, () -> vm.modify(memory.formatted(2048)));
        }
        try (ComputeSystem container = service(g).createComputeSystem(Docs.id(), Docs.container())) {
            container.start();
            BadInputTest.fails(HcsErrorKind.INVALID_DATA, () -> container.modify(memory.formatted(1024)));
            BadInputTest.fails(HcsErrorKind.INVALID_DATA, () -> container.modify(limits.formatted("{\"Limit\":100}")));
            container.terminate();
        }
    }
}
