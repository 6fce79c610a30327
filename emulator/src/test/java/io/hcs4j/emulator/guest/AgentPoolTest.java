package io.hcs4j.emulator.guest;

import io.hcs4j.emulator.hcs.Emulator;
import io.hcs4j.hcs.HcsGeneration;
import io.hcs4j.hcs.HcsService;
import io.hcs4j.platform.posix.Posix;
import io.hcs4j.schema.v2.ProcessParameters;
import io.hcs4j.uvm.HcsVmSystem;
import io.hcs4j.uvm.LcowOptions;
import io.hcs4j.uvm.UtilityVm;
import io.hcs4j.uvm.guest.GuestProcess;
import io.hcs4j.uvm.transport.HvSocketDirs;
import io.hcs4j.uvm.transport.UnixSocketTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The node's pool of ready guest agents: a claim is atomic across claimers, a pooled agent serves a VM as a fresh one
 * does and leaves nothing behind, an idle or removed agent exits, and another user reaches none of it.
 */
@Timeout(120)
class AgentPoolTest {
    @TempDir
    Path root;

    private AgentPool pool;

    @AfterEach
    void emptyThePool() throws IOException {
        System.clearProperty(AgentPool.SIZE_PROPERTY);
        System.clearProperty(AgentPool.DIR_PROPERTY);
        if (pool != null) {
            pool.empty();
        }
    }

    /** The pool of this run's agent kind under the test's root, {@code n} agents ready, and its size {@code n}. */
    private void readyPool(int n) throws Exception {
        System.setProperty(AgentPool.DIR_PROPERTY, root.toString());
        pool = AgentPool.forKind(false, System.getProperty(EmulatedGuestLauncher.RUNTIME_PROPERTY,
                System.getenv(GuestRuntime.RUNTIME_ENV)));
        pool.refill(n, EmulatedGuestLauncher.command(), Map.of());
        waitUntil(() -> count(pool.dir(), PooledAgent.SOCKET) == n, "the agents are ready");
        System.setProperty(AgentPool.SIZE_PROPERTY, Integer.toString(n));
    }

    private static String newVmId() {
        return UtilityVm.idFor("pool-" + UUID.randomUUID().toString().substring(0, 8));
    }

    private static UtilityVm startedVm(HcsService hcs, String id) throws Exception {
        UtilityVm vm = UtilityVm.createLcow(HcsVmSystem.factory(hcs, UnixSocketTransport.PER_VM_DIRECTORY), new LcowOptions(id));
        try {
            vm.start(Duration.ofSeconds(30), Duration.ofSeconds(30));
        } catch (Exception | Error e) {
            vm.close();
            throw e;
        }
        return vm;
    }

    @Test
    void concurrentClaimsNeverShareAnAgent() throws Exception {
        pool = new AgentPool(root, "linux-test");
        Files.createDirectories(pool.dir());
        Files.setPosixFilePermissions(pool.dir(), PosixFilePermissions.fromString("rwx------"));
        int agents = 8;
        int claimers = 32;
        ExecutorService threads = Executors.newFixedThreadPool(agents + claimers);
        // The process the entries name (a failed claim kills it): a stand-in, not this JVM.
        Process standIn = new ProcessBuilder("sleep", "600").start();
        try {
            // Stand-in agents: the idle side of the protocol in this process, each with an entry naming a live process.
            List<Future<Optional<PooledAgent.Claimed>>> served = new ArrayList<>();
            for (int i = 0; i < agents; i++) {
                Path entry = pool.dir().resolve("agent" + i);
                AgentPool.writePid(entry, standIn.toHandle());
                served.add(threads.submit(() -> PooledAgent.awaitClaim(entry, Duration.ofSeconds(60))));
            }
            waitUntil(() -> count(pool.dir(), PooledAgent.SOCKET) == agents, "the agents listen");
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Optional<AgentPool.Taken>>> claims = new ArrayList<>();
            for (int i = 0; i < claimers; i++) {
                Path vmDir = Path.of("/vm/" + i);
                claims.add(threads.submit(() -> {
                    go.await();
                    return pool.take(new PooledAgent.Claim(vmDir, null, null, 0));
                }));
            }
            go.countDown();
            int taken = 0;
            for (Future<Optional<AgentPool.Taken>> c : claims) {
                Optional<AgentPool.Taken> t = c.get(30, TimeUnit.SECONDS);
                if (t.isPresent()) {
                    t.get().line().close();
                    taken++;
                }
            }
            assertEquals(agents, taken, "one claim per agent, no more");
            Set<Path> vms = new HashSet<>();
            for (Future<Optional<PooledAgent.Claimed>> s : served) {
                PooledAgent.Claimed c = s.get(30, TimeUnit.SECONDS).orElseThrow();
                c.line().close();
                vms.add(c.claim().vmDir());
            }
            assertEquals(agents, vms.size(), "each agent got a VM of its own: " + vms);
            try (Stream<Path> left = Files.list(pool.dir())) {
                assertEquals(List.of(), left.toList(), "entries left behind");
            }
            assertTrue(standIn.isAlive(), "no claim failed");
        } finally {
            threads.shutdownNow();
            standIn.destroyForcibly();
        }
    }

    @Test
    void anIdleAgentExitsAfterItsTimeoutAndLeavesNothing() throws Exception {
        pool = new AgentPool(root, "linux-default");
        pool.refill(1, EmulatedGuestLauncher.command(), Map.of(PooledAgent.IDLE_ENV, "2"));
        ProcessHandle agent = agents(pool).get(0);
        waitUntil(() -> count(pool.dir(), PooledAgent.SOCKET) == 1, "the agent is ready");
        assertTrue(Files.isRegularFile(pool.logOf(agent.pid())), "the agent's log is in the pool");
        agent.onExit().get(20, TimeUnit.SECONDS);
        assertEquals(List.of("lock"), names(pool.dir()));
    }

    @Test
    void aSmallerPoolLetsExtrasGoAndEmptyingItEndsTheRest() throws Exception {
        pool = new AgentPool(root, "linux-default");
        pool.refill(2, EmulatedGuestLauncher.command(), Map.of());
        List<ProcessHandle> started = agents(pool);
        assertEquals(2, started.size());
        waitUntil(() -> count(pool.dir(), PooledAgent.SOCKET) == 2, "the agents are ready");
        pool.refill(1, EmulatedGuestLauncher.command(), Map.of());
        // The extra sees its socket gone and exits by itself.
        waitUntil(() -> started.stream().filter(ProcessHandle::isAlive).count() == 1, "one agent left");
        assertEquals(1, count(pool.dir(), PooledAgent.SOCKET));
        pool.empty();
        for (ProcessHandle h : started) {
            h.onExit().get(10, TimeUnit.SECONDS);
        }
        assertEquals(List.of("lock"), names(pool.dir()));
    }

    @Test
    void aPooledAgentServesAVmAsAFreshOneAndThePoolIsRefilled() throws Exception {
        readyPool(1);
        ProcessHandle pooled = agents(pool).get(0);
        if (Posix.isRoot()) {
            assertEquals(Set.of(AgentPool.REFILL_NICE), jvmThreadNices(pooled), "a waiting agent has the lowest priority");
        }
        // A log grown beyond its bound (as by a long life of VMs) is cut at the next claim.
        Path log = pool.logOf(pooled.pid());
        Files.write(log, new byte[(int) PooledAgent.LOG_LIMIT_BYTES + 1], java.nio.file.StandardOpenOption.APPEND);
        String id = newVmId();
        try (Emulator emulator = new Emulator(new EmulatedGuestLauncher())) {
            HcsService hcs = HcsService.open(emulator.backend(), HcsGeneration.COMPUTECORE);
            try (UtilityVm vm = startedVm(hcs, id)) {
                assertEquals(pooled.pid(), GuestRecords.read(id).orElseThrow().agentPid(), "the VM's agent is the pooled one");
                assertEquals(Set.of(Posix.niceness()), jvmThreadNices(pooled), "the claimed agent has the claimer's priority");
                waitUntil(() -> logHas(log, HvSocketDirs.forVm(id).toString()), "the agent logs the VM it serves in its log");
                assertTrue(Files.size(log) < PooledAgent.LOG_LIMIT_BYTES, "the log is bounded: " + Files.size(log));
                ProcessParameters echo = new ProcessParameters();
                echo.commandArgs = List.of("/bin/sh", "-c", "exit 7");
                GuestProcess p = vm.createProcess(echo);
                assertEquals(7, p.exit().get(10, TimeUnit.SECONDS));
                ProcessParameters env = new ProcessParameters();
                env.commandArgs = List.of("/bin/sh", "-c", "test -z \"${" + PooledAgent.ENTRY_ENV + "+set}${"
                        + PooledAgent.IDLE_ENV + "+set}\"");
                assertEquals(0, vm.createProcess(env).exit().get(10, TimeUnit.SECONDS), "the pool's variables are seen");
                // The pool is back at one: a new agent, not the one taken.
                waitUntil(() -> count(pool.dir(), PooledAgent.SOCKET) == 1, "the pool is refilled");
                assertNotEquals(List.of(pooled), agents(pool));
                if (Posix.isRoot()) {
                    assertEquals(Set.of(AgentPool.REFILL_NICE), jvmThreadNices(agents(pool).get(0)),
                            "the replacement boots at the lowest priority");
                }
            }
            pooled.onExit().get(10, TimeUnit.SECONDS);
            waitUntil(() -> !Files.exists(GuestRecords.dir().resolve(HvSocketDirs.forVm(id).getFileName() + ".properties")), "the VM's record is removed");
            assertFalse(Files.exists(HvSocketDirs.forVm(id)), "socket directory left behind");
            Cgroups cgroups = Cgroups.detect(Cgroups.DEFAULT_ROOT).cgroups();
            if (cgroups != null) {
                Path vmCgroup = (cgroups.v2 ? cgroups.root : cgroups.root.resolve("pids")).resolve(Cgroups.PARENT)
                        .resolve(Cgroups.vmName(HvSocketDirs.forVm(id)));
                assertFalse(Files.exists(vmCgroup), "cgroup left behind: " + vmCgroup);
            }
        }
    }

    @Test
    void anAgentWhoseVmEndedCleanlyGoesBackToThePoolAndServesTheNextVmAsAFreshOne() throws Exception {
        // Two ready: taking one leaves one, so no refill starts and the pool has room for the first to come back.
        readyPool(2);
        try (Emulator emulator = new Emulator(new EmulatedGuestLauncher())) {
            HcsService hcs = HcsService.open(emulator.backend(), HcsGeneration.COMPUTECORE);
            String first = newVmId();
            ProcessHandle agent;
            List<ProcessHandle> leftBehind = new ArrayList<>();
            try (UtilityVm vm = startedVm(hcs, first)) {
                agent = ProcessHandle.of(GuestRecords.read(first).orElseThrow().agentPid()).orElseThrow();
                ProcessParameters sleep = new ProcessParameters();
                sleep.commandArgs = List.of("/bin/sleep", "600");
                vm.createProcess(sleep); // still running when the VM ends
                waitUntil(() -> agent.descendants().anyMatch(h -> h.info().command().orElse("").endsWith("sleep")),
                        "the VM's process runs");
                agent.descendants().filter(h -> h.info().command().orElse("").endsWith("sleep")).forEach(leftBehind::add);
            }
            waitUntil(() -> !Files.exists(GuestRecords.dir().resolve(HvSocketDirs.forVm(first).getFileName() + ".properties")),
                    "the first VM's record is removed");
            for (ProcessHandle h : leftBehind) {
                h.onExit().get(10, TimeUnit.SECONDS);
            }
            assertTrue(agent.isAlive(), "the agent lives on");
            waitUntil(() -> inPool(agent) && count(pool.dir(), PooledAgent.SOCKET) == 2, "the agent is back in the pool");
            assertFalse(Files.exists(vmCgroup(first)), "the first VM's cgroup is left");
            // The other ready agent leaves, so the next VM gets the recycled one.
            for (ProcessHandle other : agents(pool)) {
                if (!other.equals(agent)) {
                    removeEntryOf(other);
                    other.onExit().get(10, TimeUnit.SECONDS);
                }
            }
            String second = newVmId();
            try (UtilityVm vm = startedVm(hcs, second)) {
                assertEquals(agent.pid(), GuestRecords.read(second).orElseThrow().agentPid(), "the recycled agent serves it");
                assertEquals(List.of(), agent.descendants().filter(h -> !h.info().command().orElse("").endsWith("java"))
                        .map(h -> h.info().command().orElse("?")).toList(), "processes of the first VM");
                ProcessParameters exit = new ProcessParameters();
                exit.commandArgs = List.of("/bin/sh", "-c", "exit 7");
                assertEquals(7, vm.createProcess(exit).exit().get(10, TimeUnit.SECONDS));
            }
            assertFalse(Files.exists(vmCgroup(second)), "the second VM's cgroup is left");
            assertFalse(Files.exists(HvSocketDirs.forVm(second)), "socket directory left behind");
        }
    }

    @Test
    void anAgentWhoseVmLeftAProcessRunningIsNotGivenBackAndEndsWithIt() throws Exception {
        readyPool(2);
        try (Emulator emulator = new Emulator(new EmulatedGuestLauncher())) {
            HcsService hcs = HcsService.open(emulator.backend(), HcsGeneration.COMPUTECORE);
            String id = newVmId();
            ProcessHandle agent;
            List<ProcessHandle> orphans = new ArrayList<>();
            try (UtilityVm vm = startedVm(hcs, id)) {
                agent = ProcessHandle.of(GuestRecords.read(id).orElseThrow().agentPid()).orElseThrow();
                // A daemon: its parent exits, the agent (the subreaper) adopts it, and the VM's end does not know it.
                ProcessParameters daemon = new ProcessParameters();
                daemon.commandArgs = List.of("/bin/sh", "-c", "/bin/sleep 600 & exit 0");
                assertEquals(0, vm.createProcess(daemon).exit().get(10, TimeUnit.SECONDS));
                waitUntil(() -> agent.descendants().anyMatch(h -> h.info().command().orElse("").endsWith("sleep")),
                        "the daemon runs");
                agent.descendants().filter(h -> h.info().command().orElse("").endsWith("sleep")).forEach(orphans::add);
            }
            agent.onExit().get(20, TimeUnit.SECONDS);
            for (ProcessHandle h : orphans) {
                h.onExit().get(10, TimeUnit.SECONDS);
            }
            assertFalse(inPool(agent), "an unclean agent went back to the pool");
        }
    }

    @Test
    void aPausedVmsAgentIsKilledAtTerminateNotAskedToEndIt() throws Exception {
        readyPool(2);
        try (Emulator emulator = new Emulator(new EmulatedGuestLauncher())) {
            HcsService hcs = HcsService.open(emulator.backend(), HcsGeneration.COMPUTECORE);
            String id = newVmId();
            ProcessHandle agent;
            long t0;
            try (UtilityVm vm = startedVm(hcs, id)) {
                agent = ProcessHandle.of(GuestRecords.read(id).orElseThrow().agentPid()).orElseThrow();
                vm.pause();
                t0 = System.nanoTime();
            }
            agent.onExit().get(20, TimeUnit.SECONDS);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            // A paused agent asked to end its VM would not answer for PooledAgent.END_TIMEOUT.
            assertTrue(ms < PooledAgent.END_TIMEOUT.toMillis(), "the paused VM's agent took " + ms + " ms to end");
            assertFalse(inPool(agent), "a paused VM's agent went back to the pool");
        }
    }

    private static boolean logHas(Path log, String text) {
        try {
            return Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    private boolean inPool(ProcessHandle agent) {
        try {
            return agents(pool).contains(agent);
        } catch (IOException e) {
            return false;
        }
    }

    /** The cgroup of VM {@code id} (v1: in the pids hierarchy); a path that does not exist without cgroups. */
    private static Path vmCgroup(String id) {
        Cgroups cgroups = Cgroups.detect(Cgroups.DEFAULT_ROOT).cgroups();
        if (cgroups == null) {
            return Path.of("/nonexistent");
        }
        return (cgroups.v2 ? cgroups.root : cgroups.root.resolve("pids")).resolve(Cgroups.PARENT)
                .resolve(Cgroups.vmName(HvSocketDirs.forVm(id)));
    }

    /** Removes the pool entry naming {@code agent}: it leaves the pool and exits, as an operator's rm makes it. */
    private void removeEntryOf(ProcessHandle agent) throws IOException {
        for (String name : names(pool.dir())) {
            if (name.endsWith(PooledAgent.PID)) {
                Path entry = pool.dir().resolve(name.substring(0, name.length() - PooledAgent.PID.length()));
                if (AgentPool.readPid(entry).equals(Optional.of(agent))) {
                    Files.deleteIfExists(PooledAgent.file(entry, PooledAgent.SOCKET));
                }
            }
        }
    }

    @Test
    void aBadPoolSettingFailsTheVmsStartNamingItAndStartsNoAgent() throws Exception {
        System.setProperty(AgentPool.DIR_PROPERTY, root.toString());
        for (String[] bad : new String[][] {{AgentPool.SIZE_PROPERTY, "two"}, {AgentPool.SIZE_PROPERTY, "65"},
                {EmulatedGuestLauncher.POOL_IDLE_PROPERTY, "0"}}) {
            System.setProperty(AgentPool.SIZE_PROPERTY, "1");
            System.setProperty(bad[0], bad[1]);
            try {
                String id = "pool-bad-" + UUID.randomUUID().toString().substring(0, 8) + "@vm";
                IOException e = assertThrows(IOException.class,
                        () -> new EmulatedGuestLauncher().launch(id, "{}"));
                assertTrue(e.getMessage().contains(bad[0]) && e.getMessage().contains(bad[1]), e.getMessage());
                assertEquals(List.of(), names(root), "nothing started, no pool made");
            } finally {
                System.clearProperty(bad[0]);
            }
        }
    }

    @Test
    void anotherUserReachesNoPooledAgent() throws Exception {
        assumeTrue(Posix.isRoot(), "ASSUMPTION: playing another user needs root");
        pool = new AgentPool(root, "linux-default");
        pool.refill(1, EmulatedGuestLauncher.command(), Map.of());
        waitUntil(() -> count(pool.dir(), PooledAgent.SOCKET) == 1, "the agent is ready");
        Path socket = Files.list(pool.dir()).filter(f -> f.toString().endsWith(PooledAgent.SOCKET)).findFirst()
                .orElseThrow();
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pool.dir())));
        // nobody (65534) dials the agent's socket and renames it, as a claimer would.
        Process p = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--",
                "/usr/bin/python3", "-c", "import os, socket, sys\n"
                + "s = socket.socket(socket.AF_UNIX)\n"
                + "try:\n    s.connect(sys.argv[1]); print('connected')\nexcept OSError as e: print(e)\n"
                + "try:\n    os.rename(sys.argv[1], sys.argv[1] + '.claimed'); print('renamed')\nexcept OSError as e: print(e)\n",
                socket.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertFalse(out.contains("connected") || out.contains("renamed"), out);
        assertTrue(out.contains("Permission denied"), out);
        assertTrue(Files.exists(socket), "the agent is still in the pool");
    }

    /** The live agents the pool's entries name. */
    private static List<ProcessHandle> agents(AgentPool pool) throws IOException {
        List<ProcessHandle> live = new ArrayList<>();
        for (String name : names(pool.dir())) {
            if (name.endsWith(PooledAgent.PID)) {
                AgentPool.readPid(pool.dir().resolve(name.substring(0, name.length() - PooledAgent.PID.length())))
                        .ifPresent(live::add);
            }
        }
        return live;
    }

    /** The nice values of the threads of the JVMs in {@code agent}'s process tree (not of a wrapper such as unshare). */
    private static Set<Integer> jvmThreadNices(ProcessHandle agent) throws IOException {
        Set<Integer> nices = new HashSet<>();
        for (ProcessHandle h : EmulatedGuestLauncher.tree(agent)) {
            if (!Files.readString(Path.of("/proc", Long.toString(h.pid()), "comm")).trim().equals("java")) {
                continue;
            }
            try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(h.pid()), "task"))) {
                for (Path t : tasks.toList()) {
                    String stat = Files.readString(t.resolve("stat"));
                    // Field 19 (nice), counted after the command name's closing parenthesis (field 2).
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    nices.add(Integer.parseInt(fields[16]));
                }
            }
        }
        return nices;
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private static long count(Path dir, String suffix) {
        try {
            return names(dir).stream().filter(n -> n.endsWith(suffix)).count();
        } catch (IOException e) {
            return -1;
        }
    }

    private static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s: " + what);
            }
            Thread.sleep(50);
        }
    }
}
