package io.hcs4j.emulator.guest;

import io.hcs4j.emulator.guest.runtime.Container;
import io.hcs4j.emulator.guest.runtime.ContainerProcess;
import io.hcs4j.emulator.guest.runtime.ContainerProcessState;
import io.hcs4j.emulator.guest.runtime.RuntimeError;
import io.hcs4j.emulator.guest.runtime.Stdio;
import io.hcs4j.emulator.guest.runtime.runc.RuncRuntime;
import io.hcs4j.hcs.raw.HResults;
import io.hcs4j.platform.posix.Posix;
import io.hcs4j.schema.Json;
import io.hcs4j.schema.oci.LinuxMemory;
import io.hcs4j.schema.oci.LinuxResources;
import io.hcs4j.schema.oci.Spec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The runc runtime through the seeds' interface, in this JVM (which becomes a subreaper): what the GCS has no
 * request for (pause, kill --all) and what the bridge cannot see (runc's state, its cgroup files).
 */
@Timeout(60)
class RuncRuntimeTest {
    private static final Path FREEZER = Path.of("/sys/fs/cgroup/freezer");
    private static final Path MEMORY = Path.of("/sys/fs/cgroup/memory");

    @TempDir
    Path work;
    private RuncRuntime runtime;
    private final List<Container> created = new ArrayList<>();
    /** One level, which runc delete removes whole. */
    private final String cgroup = "/hcs4j-test-" + UUID.randomUUID();

    @BeforeEach
    void runc() {
        Optional<Path> runc = RuncRuntime.find();
        assumeTrue(Posix.isRoot() && runc.isPresent(), "runc needs root and runc");
        runtime = new RuncRuntime(runc.get(), work.resolve("runc"));
    }

    @AfterEach
    void deleteContainers() throws Exception {
        for (Container c : created) {
            c.delete();
        }
    }

    /** A bundle over a busybox rootfs whose init runs {@code args}, in the test's cgroup. */
    private Path bundle(String id, String... args) throws Exception {
        Path bundle = work.resolve(id);
        Path rootfs = EmulatedVm.busyboxLayer(bundle.resolve("rootfs"));
        Spec spec = Json.convert(Json.mapper().createObjectNode().set("process", EmulatedVm.process(args)), Spec.class);
        BundleSpec.write(bundle, spec, rootfs, cgroup + "-" + id);
        return bundle;
    }

    private Container start(String id, String... args) throws Exception {
        Container c = runtime.createContainer(id, bundle(id, args), Stdio.NONE);
        created.add(c);
        c.start();
        return c;
    }

    @Test
    void createStartStateAndAnIdInUse() throws Exception {
        Container c = runtime.createContainer("r-state", bundle("r-state", "sleep", "1000"), Stdio.NONE);
        created.add(c);
        assertEquals("created", c.state().status());
        c.start();
        assertEquals("running", c.state().status());
        assertEquals(c.pid(), c.state().pid());
        assertTrue(c.exists());
        assertTrue(runtime.listContainerStates().stream().anyMatch(s -> s.id().equals("r-state")));
        RuntimeError inUse = assertThrows(RuntimeError.class,
                () -> runtime.createContainer("r-state", bundle("r-state-2", "true"), Stdio.NONE));
        assertEquals(HResults.V1_SYSTEM_ALREADY_EXISTS, inUse.hresult());
        assertTrue(inUse.getMessage().contains("already exists"), inUse.getMessage());
        assertEquals(HResults.E_INVALIDARG, assertThrows(RuntimeError.class,
                () -> runtime.createContainer("bad/id", bundle("r-bad", "true"), Stdio.NONE)).hresult());
        c.kill(Posix.SIGKILL, false);
        assertEquals(137, c.exited().get(10, TimeUnit.SECONDS));
        assertEquals("stopped", c.state().status());
    }

    @Test
    void aTerminalContainerAsTheRuntimesFirstReceivesItsConsoleOfTheSpecsSize() throws Exception {
        Path bundle = work.resolve("r-tty");
        Path rootfs = EmulatedVm.busyboxLayer(bundle.resolve("rootfs"));
        com.fasterxml.jackson.databind.node.ObjectNode process = EmulatedVm.process("sh", "-c",
                "[ -t 0 ] && [ \"$(stty size)\" = '24 80' ] && exit 3");
        process.put("terminal", true).putObject("consoleSize").put("height", 24).put("width", 80);
        Spec spec = Json.convert(Json.mapper().createObjectNode().set("process", process), Spec.class);
        BundleSpec.write(bundle, spec, rootfs, cgroup + "-r-tty");
        Container c = runtime.createContainer("r-tty", bundle, Stdio.NONE);
        created.add(c);
        c.start();
        assertEquals(3, c.exited().get(10, TimeUnit.SECONDS));
    }

    @Test
    void pauseFreezesTheContainerAndResumeThawsIt() throws Exception {
        Container c = start("r-pause", "sh", "-c", EmulatedGuestTest.LOOP);
        Path freezer = FREEZER.resolve(cgroup.substring(1) + "-r-pause").resolve("freezer.state");
        c.pause();
        assertEquals("paused", c.state().status());
        assertEquals("FROZEN", Files.readString(freezer).strip());
        c.resume();
        assertEquals("running", c.state().status());
        assertEquals("THAWED", Files.readString(freezer).strip());
    }

    @Test
    void updateChangesTheCgroupLimits() throws Exception {
        Container c = start("r-update", "sleep", "1000");
        LinuxResources resources = new LinuxResources();
        resources.memory = new LinuxMemory();
        resources.memory.limit = 48L * 1024 * 1024;
        c.update(resources);
        assertEquals(Long.toString(48L * 1024 * 1024), Files.readString(MEMORY.resolve(cgroup.substring(1)
                + "-r-update").resolve("memory.limit_in_bytes")).strip());
    }

    @Test
    void psListsTheContainersProcessesAndKillAllEndsThem() throws Exception {
        Container c = start("r-kill", "sh", "-c", EmulatedGuestTest.LOOP);
        ContainerProcess a = c.execProcess(EmulatedVm.exec(false, false, false, "sleep", "500").ociProcess, Stdio.NONE);
        ContainerProcess b = c.execProcess(EmulatedVm.exec(false, false, false, "sh", "-c", "sleep 600 & wait").ociProcess,
                Stdio.NONE);
        List<Integer> pids = c.runningProcesses().stream().map(ContainerProcessState::pid).toList();
        assertTrue(pids.containsAll(List.of(c.pid(), a.pid(), b.pid())), pids.toString());
        assertTrue(c.runningProcesses().stream().filter(ContainerProcessState::createdByRuntime).count() >= 3);
        c.kill(Posix.SIGKILL, true);
        assertEquals(137, a.exited().get(10, TimeUnit.SECONDS));
        assertEquals(137, b.exited().get(10, TimeUnit.SECONDS));
        assertEquals(137, c.exited().get(10, TimeUnit.SECONDS));
        assertEquals(List.of(), c.runningProcesses());
    }

    @Test
    void anInitThatExitsLeavesNoProcessBehind() throws Exception {
        Container c = start("r-exit", "sh", "-c", "sleep 700 & sleep 0.3; exit 4");
        assertEquals(4, c.exited().get(10, TimeUnit.SECONDS));
        assertEquals(List.of(), c.allProcesses());
        assertTrue(ProcessHandle.allProcesses().noneMatch(h -> h.info().arguments()
                .map(a -> List.of(a).contains("700")).orElse(false)), "the background sleep is gone");
    }

    @Test
    void aMissingRuncFallsBackToChrootWithOneReason() {
        GuestRuntime.Choice none = GuestRuntime.choose(true, null, Optional.empty());
        assertEquals(null, none.runc());
        assertEquals("chroot fallback (runc not found)", none.reason());
        assertEquals("chroot fallback (runc needs root)", GuestRuntime.choose(false, null, RuncRuntime.find()).reason());
        assertEquals(null, GuestRuntime.choose(true, "chroot", RuncRuntime.find()).runc());
        assertEquals(RuncRuntime.find().orElseThrow(), GuestRuntime.choose(true, null, RuncRuntime.find()).runc());
    }
}
