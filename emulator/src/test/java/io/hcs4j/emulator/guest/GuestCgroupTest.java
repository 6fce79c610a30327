package io.hcs4j.emulator.guest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.hcs.raw.HResults;
import io.hcs4j.schema.Json;
import io.hcs4j.schema.guest.ContainerGetPropertiesV2;
import io.hcs4j.schema.guest.ContainerPropertiesQueryV2;
import io.hcs4j.schema.guest.ContainerModifySettings;
import io.hcs4j.schema.guest.Metrics;
import io.hcs4j.schema.guest.ModificationRequest;
import io.hcs4j.schema.guest.RPCProc;
import io.hcs4j.schema.guest.RequestType;
import io.hcs4j.schema.guest.ResourceType;
import io.hcs4j.schema.guest.ResponseBase;
import io.hcs4j.schema.oci.LinuxMemory;
import io.hcs4j.schema.oci.LinuxResources;
import io.hcs4j.schema.v2.PropertyType;
import io.hcs4j.uvm.bridge.GcsBridge;
import io.hcs4j.uvm.bridge.GcsException;
import io.hcs4j.uvm.guest.GuestContainer;
import io.hcs4j.uvm.guest.GuestProcess;
import io.hcs4j.uvm.transport.HvSocketDirs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Containers of the emulated guest in their own cgroups (root with writable cgroups, as in CI): the spec's
 * limits are enforced and visible, statistics come from the cgroup, ContainerConstraints updates change limits, and nothing
 * is left behind after delete or a crash.
 */
@Timeout(60)
class GuestCgroupTest {
    private static final long MIB = 1 << 20;
    private static Cgroups cgroups;

    @TempDir
    Path work;

    @BeforeAll
    static void needsCgroups() {
        Cgroups.Detection d = Cgroups.detect(Cgroups.DEFAULT_ROOT);
        assumeTrue(d.cgroups() != null, "no usable cgroups: " + d.reason());
        cgroups = d.cgroups();
    }

    /** The container's cgroup directory holding a v1 controller's files (the one v2 directory on v2). */
    private static Path dir(EmulatedVm vm, String controller, String container) {
        String vmName = Cgroups.vmName(HvSocketDirs.forVm(vm.id));
        Path hierarchy = cgroups.v2 ? cgroups.root : cgroups.root.resolve(controller);
        return hierarchy.resolve(Cgroups.PARENT).resolve(vmName).resolve(container);
    }

    private static String read(EmulatedVm vm, String container, String controller, String v1File, String v2File)
            throws IOException {
        return Files.readString(dir(vm, controller, container).resolve(cgroups.v2 ? v2File : v1File)).strip();
    }

    private static List<Path> vmDirs(EmulatedVm vm) {
        List<Path> dirs = new ArrayList<>();
        for (String controller : cgroups.v2 ? List.of("") : Cgroups.V1_REQUIRED) {
            dirs.add(dir(vm, controller, "x").getParent());
        }
        return dirs;
    }

    /** A GetProperties response with its Properties kept as the guest wrote them. */
    public static final class RawProperties extends ResponseBase {
        @JsonProperty("Properties")
        public String properties;
    }

    private static ObjectNode limits() {
        ObjectNode r = Json.mapper().createObjectNode();
        r.putObject("memory").put("limit", 64 * MIB);
        r.putObject("cpu").put("shares", 512).put("quota", 20000).put("period", 100000).put("cpus", "0");
        r.putObject("pids").put("limit", 32);
        return r;
    }

    private static Metrics statistics(GuestContainer c) throws IOException {
        return c.propertiesV2(PropertyType.STATISTICS).metrics;
    }

    @Test
    void specLimitsAreInTheCgroupAndStatisticsComeFromIt() throws Exception {
        try (EmulatedVm vm = new EmulatedVm(work)) {
            GuestContainer c = vm.createContainer("c-limits", limits(), "sh", "-c", EmulatedGuestTest.LOOP);
            GuestProcess init = c.createProcess(EmulatedVm.init());
            GuestProcess sleeper = c.createProcess(EmulatedVm.exec(false, false, false, "sleep", "4242"));

            assertEquals(Long.toString(64 * MIB), read(vm, "c-limits", "memory", "memory.limit_in_bytes", "memory.max"));
            assertEquals("32", read(vm, "c-limits", "pids", "pids.max", "pids.max"));
            assertEquals("0", read(vm, "c-limits", "cpuset", "cpuset.cpus", "cpuset.cpus"));
            if (!cgroups.v2) {
                assertEquals("512", read(vm, "c-limits", "cpu", "cpu.shares", null));
                assertEquals("20000", read(vm, "c-limits", "cpu", "cpu.cfs_quota_us", null));
            } else {
                assertEquals("20000 100000", read(vm, "c-limits", "cpu", null, "cpu.max"));
            }
            // The exec joined the cgroup before it ran (as the host sees its pid).
            long hostPid = ProcessHandle.allProcesses()
                    .filter(h -> h.info().arguments().map(a -> List.of(a).contains("4242")).orElse(false))
                    .findFirst().orElseThrow().pid();
            assertTrue(Cgroups.procs(dir(vm, "pids", "c-limits")).contains(hostPid), "sleep " + hostPid + " in cgroup");

            Metrics m = statistics(c);
            assertEquals(64 * MIB, m.memory.usage.limit);
            assertTrue(m.memory.usage.usage > 0, "memory usage " + m.memory.usage.usage);
            assertEquals(32, m.pids.limit);
            assertTrue(m.pids.current >= 2, "init and the sleep: " + m.pids.current);
            var list = c.properties(io.hcs4j.schema.v1.PropertyType.PROCESS_LIST).processList;
            assertTrue(list.stream().anyMatch(p -> p.processId == sleeper.pid()), "process list has " + sleeper.pid());

            // The answer has the reference's shape: LCOWMetrics with the cgroup v1 snake_case names.
            ContainerGetPropertiesV2 query = GcsBridge.request(new ContainerGetPropertiesV2(), "c-limits");
            query.query = new ContainerPropertiesQueryV2();
            query.query.propertyTypes = List.of(PropertyType.STATISTICS);
            JsonNode raw = Json.tree(vm.connection.call(RPCProc.RPC_GET_PROPERTIES, query, RawProperties.class).properties)
                    .path("LCOWMetrics");
            for (String path : List.of("/pids/current", "/pids/limit", "/cpu/usage/total", "/cpu/throttling",
                    "/memory/usage/limit", "/memory/usage/usage", "/blkio", "/memory_oom_control")) {
                assertFalse(raw.at(path).isMissingNode(), path + " in " + raw);
            }
            if (!cgroups.v2) {
                assertFalse(raw.at("/cpu/usage/per_cpu").isMissingNode(), "per_cpu in " + raw);
                assertFalse(raw.at("/memory/hierarchical_memory_limit").isMissingNode(), "memory.stat in " + raw);
            }
            c.shutdown();
            assertEquals(0, EmulatedVm.run(init).exitCode());
            c.exit().get(10, TimeUnit.SECONDS);
            vm.removeLayers("c-limits");
            c.deleteState();
        }
    }

    @Test
    void anOomKillIsCountedInTheStatistics() throws Exception {
        try (EmulatedVm vm = new EmulatedVm(work)) {
            ObjectNode r = Json.mapper().createObjectNode();
            r.putObject("memory").put("limit", 32 * MIB);
            // The shell doubles a string to 64 MiB: more than its cgroup may have.
            GuestContainer c = vm.createContainer("c-oom", r, "sh", "-c",
                    "x=a; i=0; while [ $i -lt 26 ]; do x=$x$x; i=$((i+1)); done; echo survived");
            GuestProcess init = c.createProcess(EmulatedVm.init());
            EmulatedVm.Result result = EmulatedVm.run(init);
            assertEquals(137, result.exitCode(), "killed by the OOM killer: " + result);
            Metrics m = statistics(c);
            assertTrue(m.memoryOomControl.oomKill >= 1, "oom_kill " + m.memoryOomControl.oomKill);
            assertTrue(m.memory.usage.failcnt > 0 || cgroups.v2, "failcnt " + m.memory.usage.failcnt);
            c.exit().get(10, TimeUnit.SECONDS);
            vm.removeLayers("c-oom");
            c.deleteState();
        }
    }

    @Test
    void aProcessBeyondPidsMaxCannotFork() throws Exception {
        try (EmulatedVm vm = new EmulatedVm(work)) {
            ObjectNode r = Json.mapper().createObjectNode();
            // pids.max counts threads: runc's init for the exec (Go, more threads the busier the machine) must fit
            // beside the container's shell and its sleep, or the exec itself fails before the shell can.
            r.putObject("pids").put("limit", 12);
            GuestContainer c = vm.createContainer("c-pids", r, "sh", "-c", EmulatedGuestTest.LOOP);
            GuestProcess init = c.createProcess(EmulatedVm.init());
            // A pipeline forks each of its commands (a background job would need the rootfs's /dev/null). No
            // stdio: the sleeps that did start must not hold the test's pipes open.
            String twenty = String.join(" | ", java.util.Collections.nCopies(20, "sleep 77"));
            GuestProcess forker = c.createProcess(EmulatedVm.exec(false, false, false, "sh", "-c", twenty));
            assertNotEquals(0, forker.exit().get(20, TimeUnit.SECONDS), "the shell fails when it cannot fork");
            assertTrue(statistics(c).pids.current <= 12, "pids.current " + statistics(c).pids.current);
            String events = Files.readString(dir(vm, "pids", "c-pids").resolve("pids.events"));
            assertFalse(events.contains("max 0"), "forks refused at pids.max: " + events);
            c.terminate();
            EmulatedVm.run(init);
            c.exit().get(10, TimeUnit.SECONDS);
            vm.removeLayers("c-pids");
            c.deleteState();
            assertFalse(Files.exists(dir(vm, "pids", "c-pids")));
        }
    }

    @Test
    void cpuWorkMovesTheStatistics() throws Exception {
        try (EmulatedVm vm = new EmulatedVm(work)) {
            GuestContainer c = vm.createContainer("c-cpu", (ObjectNode) null, "sh", "-c", EmulatedGuestTest.LOOP);
            GuestProcess init = c.createProcess(EmulatedVm.init());
            long before = statistics(c).cpu.usage.total;
            GuestProcess busy = c.createProcess(EmulatedVm.exec(false, true, true, "sh", "-c",
                    "i=0; while [ $i -lt 100000 ]; do i=$((i+1)); done; echo $i"));
            assertEquals(new EmulatedVm.Result("100000\n", "", 0), EmulatedVm.run(busy));
            Metrics after = statistics(c);
            assertTrue(after.cpu.usage.total > before, before + " -> " + after.cpu.usage.total);
            // The work is counted in the cgroup even though the process is gone.
            assertTrue(after.cpu.usage.total - before > 10_000_000L, "at least 10 ms: " + (after.cpu.usage.total - before));
            c.shutdown();
            EmulatedVm.run(init);
            c.exit().get(10, TimeUnit.SECONDS);
            vm.removeLayers("c-cpu");
            c.deleteState();
        }
    }

    @Test
    void updateContainerChangesTheLimitAndRefusesBadResources() throws Exception {
        try (EmulatedVm vm = new EmulatedVm(work)) {
            GuestContainer c = vm.createContainer("c-update", limits(), "sh", "-c", EmulatedGuestTest.LOOP);
            GuestProcess init = c.createProcess(EmulatedVm.init());
            LinuxResources update = new LinuxResources();
            update.memory = new LinuxMemory();
            update.memory.limit = 32 * MIB;
            c.modify(update);
            assertEquals(Long.toString(32 * MIB), read(vm, "c-update", "memory", "memory.limit_in_bytes", "memory.max"));
            assertEquals(32 * MIB, statistics(c).memory.usage.limit);

            update.memory.limit = -5L;
            GcsException negative = assertThrows(GcsException.class, () -> c.modify(update));
            assertEquals(HResults.E_INVALIDARG, negative.result());
            assertTrue(negative.getMessage().contains("memory.limit = -5"), negative.getMessage());
            // A value the kernel refuses (cpus this machine does not have) is refused the same way.
            ContainerModifySettings noSuchCpu = constraints("c-update", Json.mapper().createObjectNode().set("cpu",
                    Json.mapper().createObjectNode().put("cpus", "4095")));
            GcsException refused = assertThrows(GcsException.class,
                    () -> vm.connection.call(RPCProc.RPC_MODIFY_SETTINGS, noSuchCpu, ResponseBase.class));
            assertEquals(HResults.E_INVALIDARG, refused.result());
            assertTrue(refused.getMessage().contains("cpu.cpus = 4095"), refused.getMessage());
            ContainerModifySettings badType = constraints("c-update", Json.mapper().createObjectNode().set("memory",
                    Json.mapper().createObjectNode().put("limit", "lots")));
            GcsException notANumber = assertThrows(GcsException.class,
                    () -> vm.connection.call(RPCProc.RPC_MODIFY_SETTINGS, badType, ResponseBase.class));
            assertEquals(HResults.V1_INVALID_JSON, notANumber.result());
            // Refused updates change nothing.
            assertEquals(Long.toString(32 * MIB), read(vm, "c-update", "memory", "memory.limit_in_bytes", "memory.max"));
            ContainerModifySettings unknown = constraints("no-such-container", Json.mapper().createObjectNode());
            assertEquals(HResults.V1_SYSTEM_NOT_FOUND, assertThrows(GcsException.class,
                    () -> vm.connection.call(RPCProc.RPC_MODIFY_SETTINGS, unknown, ResponseBase.class)).result());

            c.shutdown();
            EmulatedVm.run(init);
            c.exit().get(10, TimeUnit.SECONDS);
            vm.removeLayers("c-update");
            c.deleteState();
        }
    }

    /** The host's resource update: ModifySettings ContainerConstraints Update { Linux: resources } on the container. */
    private static ContainerModifySettings constraints(String container, ObjectNode linuxResources) {
        ContainerModifySettings body = GcsBridge.request(new ContainerModifySettings(), container);
        body.request = new ModificationRequest();
        body.request.resourceType = ResourceType.CONTAINER_CONSTRAINTS;
        body.request.requestType = RequestType.UPDATE;
        body.request.settings = Json.mapper().createObjectNode().set("Linux", linuxResources);
        return body;
    }

    @Test
    void badSpecResourcesRefuseTheCreateAndLeaveNoCgroup() throws Exception {
        try (EmulatedVm vm = new EmulatedVm(work)) {
            ObjectNode r = Json.mapper().createObjectNode();
            r.putObject("cpu").put("shares", 1);
            GcsException e = assertThrows(GcsException.class, () -> vm.createContainer("c-bad", r, "true"));
            assertEquals(HResults.E_INVALIDARG, e.result());
            assertTrue(e.getMessage().contains("cpu.shares = 1"), e.getMessage());
            assertFalse(Files.exists(dir(vm, "cpu", "c-bad")));
            vm.removeLayers("c-bad");
        }
    }

    @Test
    void deleteStateRemovesTheCgroupAndTheVmsEndRemovesItsParent() throws Exception {
        List<Path> vmDirs;
        try (EmulatedVm vm = new EmulatedVm(work)) {
            vmDirs = vmDirs(vm);
            GuestContainer c = vm.createContainer("c-del", limits(), "sh", "-c", EmulatedGuestTest.READY_LOOP);
            GuestProcess init = c.createProcess(EmulatedVm.init());
            assertEquals("ready\n", new String(init.stderr().readNBytes(6), java.nio.charset.StandardCharsets.UTF_8));
            for (String controller : Cgroups.V1_REQUIRED) {
                assertTrue(Files.isDirectory(dir(vm, controller, "c-del")), controller);
            }
            c.shutdown();
            EmulatedVm.run(init);
            c.exit().get(10, TimeUnit.SECONDS);
            vm.removeLayers("c-del");
            c.deleteState();
            for (String controller : Cgroups.V1_REQUIRED) {
                assertFalse(Files.exists(dir(vm, controller, "c-del")), controller);
            }
        }
        for (Path d : vmDirs) {
            assertFalse(Files.exists(d), d + " after the VM ended");
        }
    }

    @Test
    void aCrashedAgentsCgroupsAreRemovedByItsLauncher() throws Exception {
        EmulatedVm vm = new EmulatedVm(work);
        List<Path> vmDirs = vmDirs(vm);
        try {
            GuestContainer c = vm.createContainer("c-crash", limits(), "sh", "-c", EmulatedGuestTest.LOOP);
            c.createProcess(EmulatedVm.init());
            c.createProcess(EmulatedVm.exec(false, false, false, "sleep", "4343"));
            List<ProcessHandle> left = ProcessHandle.allProcesses()
                    .filter(h -> h.info().arguments().map(a -> List.of(a).contains("4343")).orElse(false)).toList();
            assertEquals(1, left.size());
            assertTrue(Cgroups.procs(dir(vm, "pids", "c-crash")).contains(left.get(0).pid()));
            vm.guest.kill();
            // The launcher reports the guest's exit once it has removed what the guest left.
            vm.guest.exit().get(10, TimeUnit.SECONDS);
            for (Path d : vmDirs) {
                assertFalse(Files.exists(d), d + " after the crash");
            }
            assertFalse(left.get(0).isAlive(), "the container's process is gone with its cgroup");
        } finally {
            vm.close();
        }
    }
}
