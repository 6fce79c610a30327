package io.hcs4j.emulator.guest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.hcs.raw.HResults;
import io.hcs4j.platform.posix.Posix;
import io.hcs4j.schema.Json;
import io.hcs4j.schema.guest.GuestProcessParameters;
import io.hcs4j.schema.v2.ProcessParameters;
import io.hcs4j.schema.v2.PropertyType;
import io.hcs4j.uvm.bridge.GcsException;
import io.hcs4j.uvm.guest.GuestContainer;
import io.hcs4j.uvm.guest.GuestProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What a container is allowed to see and do, through the bridge, on the runtime the agent chose (issue 16): the
 * escapes the chroot runner allowed are gone on runc, the spec is in force there, and on both runtimes the spec's
 * user is applied, bind destinations stay in the rootfs, orphans are reaped and finished execs are forgotten.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class ContainerIsolationTest {
    private EmulatedVm vm;
    private Path work;
    /** The init of each running container, by container: its output is read at removal, releasing its exit. */
    private final java.util.Map<GuestContainer, GuestProcess> inits = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeAll
    void boot(@TempDir Path work) throws Exception {
        assumeTrue(Posix.isRoot(), "containers need root");
        this.work = work;
        vm = new EmulatedVm(work);
    }

    @AfterAll
    void shutdown() throws Exception {
        if (vm != null) {
            vm.close();
        }
    }

    private GuestContainer running(String id, ObjectNode spec) throws Exception {
        vm.addNetworkNamespace("ns-" + id);
        GuestContainer c = vm.createFromSpec(id, spec);
        inits.put(c, c.createProcess(EmulatedVm.init()));
        return c;
    }

    private ObjectNode spec(String id, String... initArgs) {
        return vm.spec(id, null, "ns-" + id, initArgs);
    }

    private static EmulatedVm.Result exec(GuestContainer c, String... args) throws Exception {
        return EmulatedVm.run(c.createProcess(EmulatedVm.exec(false, true, true, args)));
    }

    private void remove(GuestContainer c, String id) throws Exception {
        c.terminate();
        EmulatedVm.run(inits.remove(c));
        c.exit().get(10, TimeUnit.SECONDS);
        vm.removeLayers(id);
        c.deleteState();
    }

    @Test
    void aDefaultContainerCannotReachTheHostsFilesThroughProc() throws Exception {
        assumeTrue(EmulatedVm.onRunc(), "the chroot fallback shares the agent's namespaces");
        Path secret = Files.writeString(work.resolve("host-secret.txt"), "secret\n");
        GuestContainer c = running("c-escape", spec("c-escape", "sh", "-c", EmulatedGuestTest.LOOP));
        EmulatedVm.Result r = exec(c, "sh", "-c", "busybox mkdir -p /proc; busybox mount -t proc proc /proc; cat /proc/1/root" + secret
                + "; echo written > /proc/1/root" + work.resolve("written"));
        assertFalse(r.stdout().contains("secret"), r.toString());
        assertFalse(Files.exists(work.resolve("written")));
        remove(c, "c-escape");
    }

    @Test
    void anExecRunsAsTheUserItNames() throws Exception {
        GuestContainer c = running("c-user", spec("c-user", "sh", "-c", EmulatedGuestTest.LOOP));
        GuestProcessParameters p = EmulatedVm.exec(false, true, true, "sh", "-c", "busybox id -u; busybox id -g");
        p.ociProcess.user = new io.hcs4j.schema.oci.User();
        p.ociProcess.user.uid = 1000;
        p.ociProcess.user.gid = 1000;
        assertEquals(new EmulatedVm.Result("1000\n1000\n", "", 0), EmulatedVm.run(c.createProcess(p)));
        remove(c, "c-user");
    }

    @Test
    void theSpecsCapabilitiesAndSeccompAreInForce() throws Exception {
        assumeTrue(EmulatedVm.onRunc(), "the chroot fallback applies neither");
        ObjectNode spec = spec("c-caps", "sh", "-c", EmulatedGuestTest.LOOP);
        ObjectNode caps = ((ObjectNode) spec.get("process")).putObject("capabilities");
        for (String set : List.of("bounding", "effective", "permitted")) {
            caps.putArray(set).add("CAP_KILL");
        }
        ObjectNode seccomp = spec.putObject("linux").putObject("seccomp").put("defaultAction", "SCMP_ACT_ALLOW");
        seccomp.putArray("syscalls").addObject().put("action", "SCMP_ACT_ERRNO").putArray("names").add("mkdir")
                .add("mkdirat");
        GuestContainer c = running("c-caps", spec);
        assertEquals(new EmulatedVm.Result("CapEff:\t0000000000000020\n", "", 0),
                exec(c, "busybox", "grep", "CapEff", "/proc/self/status"));
        EmulatedVm.Result mkdir = exec(c, "busybox", "mkdir", "/made");
        assertNotEquals(0, mkdir.exitCode());
        assertTrue(mkdir.stderr().contains("Operation not permitted"), mkdir.toString());
        remove(c, "c-caps");
    }

    @Test
    void namespacesHostnameRlimitsReadonlyAndMaskedPathsAndMountsAreTheSpecs() throws Exception {
        assumeTrue(EmulatedVm.onRunc(), "the chroot fallback applies none of them");
        ObjectNode spec = spec("c-spec", "sh", "-c", EmulatedGuestTest.LOOP).put("hostname", "box");
        ((ObjectNode) spec.get("process")).putArray("rlimits").addObject().put("type", "RLIMIT_NOFILE")
                .put("hard", 321).put("soft", 123);
        ObjectNode linux = spec.putObject("linux");
        linux.putArray("readonlyPaths").add("/bin");
        linux.putArray("maskedPaths").add("/proc/version");
        spec.putArray("mounts").addObject().put("destination", "/scratch").put("type", "tmpfs")
                .put("source", "tmpfs");
        GuestContainer c = running("c-spec", spec);
        assertEquals("sh\n", exec(c, "cat", "/proc/1/comm").stdout(), "the init is PID 1 of its namespace");
        assertEquals("box\n", exec(c, "busybox", "hostname").stdout());
        for (String ns : List.of("pid", "mnt", "uts", "ipc")) {
            String inside = exec(c, "busybox", "readlink", "/proc/self/ns/" + ns).stdout().strip();
            assertNotEquals(Files.readSymbolicLink(Path.of("/proc", Long.toString(vm.agentPid()), "ns", ns)).toString(),
                    inside, ns);
        }
        assertTrue(exec(c, "busybox", "grep", "open files", "/proc/1/limits").stdout().matches(
                "Max open files +123 +321 .*\\n"));
        EmulatedVm.Result readOnly = exec(c, "busybox", "touch", "/bin/x");
        assertTrue(readOnly.stderr().contains("Read-only file system"), readOnly.toString());
        assertEquals("", exec(c, "cat", "/proc/version").stdout());
        String mounts = exec(c, "busybox", "mount").stdout();
        for (String m : List.of("on /scratch type tmpfs", "on /proc type proc", "on /sys type sysfs",
                "on /dev type tmpfs")) {
            assertTrue(mounts.contains(m), m + " in " + mounts);
        }
        assertEquals(new EmulatedVm.Result("fine\n", "", 0), exec(c, "sh", "-c",
                "sleep 0 & wait; echo x > /dev/null && [ -r /proc/self/stat ] && echo fine"));
        remove(c, "c-spec");
    }

    @Test
    void theProcessListHasExactlyTheContainersProcesses() throws Exception {
        GuestContainer c = running("c-ps", spec("c-ps", "sleep", "1000"));
        GuestContainer other = running("c-ps-other", spec("c-ps-other", "sleep", "1000"));
        GuestProcess sleeper = c.createProcess(EmulatedVm.exec(false, false, false, "sleep", "999"));
        Set<Long> listed = c.propertiesV2(PropertyType.PROCESS_LIST).processList.stream()
                .map(d -> (long) d.processId).collect(Collectors.toSet());
        assertEquals(2, listed.size(), listed.toString());
        assertTrue(listed.contains((long) sleeper.pid()), listed + " has the exec " + sleeper.pid());
        remove(c, "c-ps");
        remove(other, "c-ps-other");
    }

    @Test
    void orphansOfExecsAndVmProcessesAreReaped() throws Exception {
        GuestContainer c = running("c-orphans", spec("c-orphans", "sh", "-c", EmulatedGuestTest.LOOP));
        for (int i = 0; i < 5; i++) {
            assertEquals(0, exec(c, "sh", "-c", "sleep 0.2 &").exitCode());
            ProcessParameters p = new ProcessParameters();
            p.commandArgs = List.of("/bin/sh", "-c", "sleep 0.2 & exit 0");
            assertEquals(0, EmulatedVm.run(vm.connection.createVmProcess(p)).exitCode());
        }
        long agent = vm.agentPid();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<Long> zombies = zombiesUnder(agent);
        while (!zombies.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            zombies = zombiesUnder(agent);
        }
        assertEquals(List.of(), zombies, "zombies under the agent");
        remove(c, "c-orphans");
    }

    private static List<Long> zombiesUnder(long pid) {
        return ProcessHandle.of(pid).orElseThrow().descendants().map(ProcessHandle::pid).filter(p -> {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(p), "stat"));
                return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
            } catch (IOException gone) {
                return false;
            }
        }).toList();
    }

    @Test
    void bindDestinationsThroughSymbolicLinksStayInTheRootfs() throws Exception {
        Path outside = Files.createDirectories(work.resolve("outside"));
        Path share = Files.createDirectories(work.resolve("share"));
        Files.writeString(share.resolve("hello"), "hi\n");
        String id = "c-symlink";
        vm.addNetworkNamespace("ns-" + id);
        // A layer whose "evil" leads to a host directory, as an image may hold.
        Path evilLayer = Files.createDirectories(work.resolve("layers/evil"));
        Files.createSymbolicLink(evilLayer.resolve("evil"), outside);
        vm.addLayers(id, evilLayer, vm.layer);
        ObjectNode spec = spec(id, "sh", "-c", EmulatedGuestTest.LOOP);
        spec.putArray("mounts").addObject().put("destination", "/evil/sub").put("type", "bind")
                .put("source", share.toString()).putArray("options").add("rbind");
        GuestContainer c = vm.connection.createContainer(id, spec, work.resolve("c").resolve(id).toString(),
                work.resolve("scratch").resolve(id).toString());
        c.start();
        inits.put(c, c.createProcess(EmulatedVm.init()));
        assertEquals(new EmulatedVm.Result("hi\n", "", 0), exec(c, "cat", "/evil/sub/hello"));
        assertFalse(Files.exists(outside.resolve("sub")), "nothing made on the host's path");
        assertFalse(Files.readString(Path.of("/proc/self/mountinfo")).contains(outside.toString()));
        remove(c, id);
    }

    @Test
    void aThousandExecsLeaveTheAgentsThreadsAndDescriptorsWhereTheyStarted() throws Exception {
        GuestContainer c = running("c-execs", spec("c-execs", "sh", "-c", EmulatedGuestTest.LOOP));
        long agent = vm.agentPid();
        for (int i = 0; i < 20; i++) {
            exec(c, "true");
        }
        int threads = count(agent, "task");
        int fds = count(agent, "fd");
        for (int i = 0; i < 1000; i++) {
            assertEquals(i % 3, exec(c, "sh", "-c", "exit " + (i % 3)).exitCode());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((count(agent, "task") > threads + 2 || count(agent, "fd") > fds) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertTrue(count(agent, "task") <= threads + 2, "threads " + threads + " -> " + count(agent, "task"));
        assertTrue(count(agent, "fd") <= fds, "descriptors " + fds + " -> " + count(agent, "fd"));
        remove(c, "c-execs");
    }

    private static int count(long pid, String dir) throws IOException {
        try (Stream<Path> entries = Files.list(Path.of("/proc", Long.toString(pid), dir))) {
            return (int) entries.count();
        }
    }

    @Test
    void aMissingRootfsOrABadSpecFieldRefusesTheCreateAndLeavesNothing() throws Exception {
        String id = "c-bad-root";
        vm.addNetworkNamespace("ns-" + id);
        ObjectNode spec = spec(id, "true");
        ((ObjectNode) spec.get("root")).put("path", work.resolve("no-such-rootfs").toString());
        GcsException missing = assertThrows(GcsException.class, () -> vm.connection.createContainer(id, spec,
                work.resolve("c").resolve(id).toString(), ""));
        assertEquals(HResults.E_FAIL, missing.result());
        assertTrue(missing.getMessage().contains("no-such-rootfs"), missing.getMessage());
        if (EmulatedVm.onRunc()) {
            ObjectNode bad = spec(id, "true");
            ((ObjectNode) bad.get("process")).putArray("rlimits").addObject().put("type", "RLIMIT_BOGUS")
                    .put("hard", 1).put("soft", 1);
            vm.addLayers(id);
            GcsException refused = assertThrows(GcsException.class, () -> vm.connection.createContainer(id, bad,
                    work.resolve("c").resolve(id).toString(), ""));
            assertEquals(HResults.E_FAIL, refused.result());
            assertTrue(refused.getMessage().contains("RLIMIT_BOGUS"), refused.getMessage());
            vm.removeLayers(id);
        }
        // Nothing of the refused creates is left: the id (and its network namespace) can be created again.
        GuestContainer c = running(id, spec(id, "sh", "-c", EmulatedGuestTest.LOOP));
        assertEquals(0, exec(c, "true").exitCode());
        remove(c, id);
    }
}
