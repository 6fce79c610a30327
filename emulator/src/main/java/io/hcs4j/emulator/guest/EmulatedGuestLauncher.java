package io.hcs4j.emulator.guest;

import io.hcs4j.emulator.hcs.Emulator;
import io.hcs4j.emulator.hcs.GuestInstance;
import io.hcs4j.emulator.hcs.GuestLauncher;
import io.hcs4j.platform.FileTrees;
import io.hcs4j.platform.posix.Posix;
import io.hcs4j.schema.Json;
import io.hcs4j.uvm.transport.HvSocketDirs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Boots an emulated VM's guest: starts the guest agent as its own OS process with HCS4J_HVSOCK_DIR set to
 * the VM's socket directory, and HCS4J_GUEST_OS=windows when the VM boots the Windows boot manager (a Windows
 * utility VM: the agent then serves the Windows GCS side, {@link WindowsGuestAgent}). The command is HCS4J_GUEST_AGENT (split on spaces) or, by default, this JVM
 * running {@link GuestAgentMain} with the current class path. As root the default agent gets its own PID and
 * mount namespaces (util-linux unshare), so that killing it ends everything it ran and its mounts, as a VM
 * crash would; when it has exited, the launcher removes the VM's cgroups ({@link Cgroups}) that it left. Each
 * running guest is recorded ({@link GuestRecords}), so that an emulator in another process can take the VM over
 * after this one died with its host process ({@link #reattach}) and end it.
 */
public final class EmulatedGuestLauncher implements GuestLauncher {
    public static final String AGENT_ENV = "HCS4J_GUEST_AGENT";
    /** "windows" for the guest of a Windows utility VM; the agent serves the Windows GCS side of the bridge. */
    static final String OS_ENV = "HCS4J_GUEST_OS";
    /** A class-data archive (AppCDS, {@code .jsa}) or AOT cache ({@code .aot}) of this jar for the agent's JVM to map. */
    private static final String CDS_ARCHIVE_ENV = "HCS4J_CDS_ARCHIVE";
    /** The memory of a VM whose document names none: hcsshim's default size of a utility VM. */
    private static final long DEFAULT_MEMORY_MB = 1024;
    private static final Logger LOG = LoggerFactory.getLogger(EmulatedGuestLauncher.class);
    /** System property naming the runtime of the agents this JVM launches ("chroot"), as HCS4J_GUEST_RUNTIME does. */
    static final String RUNTIME_PROPERTY = "hcs4j.guest.runtime";
    static final String POOL_IDLE_PROPERTY = "hcs4j.vm.pool-idle-seconds";
    /**
     * A small agent that boots fast, as the real GCS is: one compiler tier, serial GC, a bounded heap whose young
     * generation holds start-up without a collection, JNA without its {@code ldconfig -p} library search (libc is
     * loaded by its soname), class archives mapped where they were written so their pages are shared between VMs.
     */
    private static final List<String> AGENT_JAVA_OPTS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:CICompilerCount=1", "-Xss512k", "-Xms16m", "-Xmn12m", "-Xmx64m", "-XX:-UsePerfData",
            "-Djna.platform.library.path=", "-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0");
    /** JDK 24 and newer warn on stderr about JNA's native access and protobuf's Unsafe unless these allow them. */
    private static final List<String> JDK24_OPTS = List.of("--enable-native-access=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow");

    @Override
    public GuestInstance launch(String systemId, String documentJson) throws IOException {
        Path vmDir = HvSocketDirs.forVm(systemId);
        boolean windows = bootsWindows(documentJson);
        Path mounts = null;
        try {
            mounts = GuestRecords.mountsFile(systemId);
        } catch (IOException e) {
            LOG.warn("guest of {} keeps no list of its mounts: {}", systemId, e.getMessage());
        }
        Path memory = null;
        try {
            memory = GuestRecords.memoryFile(systemId);
            GuestMemory.write(memory, memorySizeMb(documentJson));
        } catch (IOException e) {
            LOG.warn("the guest of {} cannot learn its memory size: {}", systemId, e.getMessage());
            memory = null;
        }
        int poolSize;
        long idleSeconds;
        try {
            poolSize = AgentPool.configuredSize();
            idleSeconds = poolIdleSeconds();
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (poolSize > 0) {
            Optional<GuestInstance> pooled = fromPool(systemId, vmDir, windows, mounts, memory, poolSize, idleSeconds);
            if (pooled.isPresent()) {
                return pooled.get();
            }
        }
        ProcessBuilder pb = new ProcessBuilder(command());
        pb.environment().putAll(kindEnvironment(windows));
        pb.environment().put(HvSocketDirs.DIR_ENV, vmDir.toString());
        if (windows) {
            pb.environment().put(Emulator.CGROUP_PARENT_ENV, windowsCgroupParent(vmDir));
        }
        if (mounts != null) {
            pb.environment().put(MountLog.FILE_ENV, mounts.toString());
        }
        if (memory != null) {
            pb.environment().put(GuestMemory.FILE_ENV, memory.toString());
        }
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process process = pb.start();
        LOG.info("guest of {} started: pid {}, sockets in {}", systemId, process.pid(), vmDir);
        record(systemId, process.toHandle(), vmDir);
        // A guest that crashed leaves its containers' cgroups behind: they go before the exit is reported.
        CompletableFuture<Integer> exit = process.onExit().thenApply(p -> {
            removeCgroups(vmDir);
            unmountLeftovers(systemId);
            forget(systemId);
            return p.exitValue();
        });
        return new GuestInstance() {
            @Override
            public CompletableFuture<Integer> exit() {
                return exit;
            }

            @Override
            public void kill() {
                process.destroyForcibly();
            }

            @Override
            public void pause() {
                signalTree(process.toHandle(), Posix.SIGSTOP);
            }

            @Override
            public void resume() {
                signalTree(process.toHandle(), Posix.SIGCONT);
            }

            @Override
            public List<ProcessHandle> processes() {
                return tree(process.toHandle());
            }

            @Override
            public void memoryResized(long sizeMb) {
                recordMemory(systemId, sizeMb);
            }

            @Override
            public void processorsLimited(int processors, long limit, long weight) {
                limitProcessors(systemId, processors, limit, weight);
            }
        };
    }

    /** Tells the guest of VM {@code systemId} its new memory size; one that cannot be told keeps the old (logged). */
    static void recordMemory(String systemId, long sizeMb) {
        try {
            GuestMemory.write(GuestRecords.memoryFile(systemId), sizeMb);
        } catch (IOException e) {
            LOG.warn("the guest of {} cannot learn its new memory size of {} MB: {}", systemId, sizeMb, e.getMessage());
        }
    }

    /**
     * Holds everything the guest of VM {@code systemId} runs to its processor limits, through the VM's cgroup, the
     * parent of its containers' (Linux and Windows guests alike). Without usable cgroups they are only recorded.
     */
    static void limitProcessors(String systemId, int processors, long limit, long weight) {
        Cgroups.Detection found = Cgroups.detect(Cgroups.DEFAULT_ROOT);
        if (found.cgroups() == null) {
            LOG.warn("the processor limits of VM {} are recorded, not enforced: {}", systemId, found.reason());
            return;
        }
        try {
            found.cgroups().limitVmProcessors(Cgroups.vmName(HvSocketDirs.forVm(systemId)), processors, limit, weight);
        } catch (IOException e) {
            LOG.warn("the processor limits of VM {} are recorded, not enforced: {}", systemId, e.getMessage());
        }
    }

    /** The VM's memory from its document. */
    static long memorySizeMb(String documentJson) {
        try {
            return Json.mapper().readTree(documentJson).path("VirtualMachine").path("ComputeTopology").path("Memory")
                    .path("SizeInMB").asLong(DEFAULT_MEMORY_MB);
        } catch (IOException e) {
            return DEFAULT_MEMORY_MB;
        }
    }

    /** The cgroup a Windows guest's containers go under: its VM's, removed with it however it ends. */
    static String windowsCgroupParent(Path vmDir) {
        return Cgroups.PARENT + "/" + Cgroups.vmName(vmDir);
    }

    /**
     * A ready agent of the VM's kind from the node's pool ({@link AgentPool}), watched as a process this one did not
     * start ({@link ReattachedGuest}); empty when the pool has none. When the take leaves the pool empty a refill starts
     * in the background, so the next VM finds one without this one waiting for it. When the VM ends cleanly its agent
     * goes back to the pool if it is clean and the pool is not full; when it does not, the pool is refilled then.
     */
    private Optional<GuestInstance> fromPool(String systemId, Path vmDir, boolean windows, Path mounts, Path memory,
                                             int size, long idleSeconds) {
        AgentPool pool = AgentPool.forKind(windows, runtime());
        Map<String, String> env = kindEnvironment(windows);
        env.put(PooledAgent.IDLE_ENV, Long.toString(idleSeconds));
        Runnable refill = () -> CompletableFuture.runAsync(() -> {
            try {
                pool.refill(size, command(), env);
            } catch (IOException | RuntimeException e) {
                LOG.warn("agent pool {} not refilled: {}", pool.dir(), e.toString());
            }
        });
        Optional<AgentPool.Taken> taken = Optional.empty();
        boolean emptied = true;
        try {
            taken = pool.take(new PooledAgent.Claim(vmDir, mounts, memory, Posix.niceness()));
            emptied = pool.isEmpty();
        } catch (IOException e) {
            LOG.warn("agent pool {} not used: {}", pool.dir(), e.getMessage());
        }
        // A Windows guest serves one VM only (it is not given back): its place is refilled at once.
        if (emptied || windows) {
            refill.run();
        }
        if (taken.isEmpty()) {
            return Optional.empty();
        }
        AgentPool.Taken agent = taken.get();
        LOG.info("guest of {} taken from the pool: pid {}, sockets in {}", systemId, agent.agent().pid(), vmDir);
        record(systemId, agent.agent(), vmDir);
        ReattachedGuest.Recycler recycler = windows ? null : () -> {
            boolean kept = false;
            try {
                kept = pool.recycle(agent, size);
                return kept;
            } finally {
                if (!kept) {
                    refill.run();
                }
            }
        };
        return Optional.of(new ReattachedGuest(agent.agent(), systemId, () -> {
            closeQuietly(agent.line());
            removeCgroups(vmDir);
            unmountLeftovers(systemId);
            forget(systemId);
        }, recycler));
    }

    private static void closeQuietly(SocketChannel line) {
        try {
            line.close();
        } catch (IOException e) {
            LOG.debug("line to a pooled agent: {}", e.toString());
        }
    }

    /** What a guest agent of this kind has in its environment whichever VM it serves: its OS and container runtime. */
    private static Map<String, String> kindEnvironment(boolean windows) {
        Map<String, String> env = new HashMap<>();
        if (windows) {
            env.put(OS_ENV, "windows");
        }
        String runtime = System.getProperty(RUNTIME_PROPERTY);
        if (runtime != null) {
            // This host's choice of the agent's container runtime (side-by-side benchmarks): the agent's environment.
            env.put(GuestRuntime.RUNTIME_ENV, runtime);
        }
        return env;
    }

    /** The container runtime the agents of this host get: the property, else the environment they inherit. */
    private static String runtime() {
        return System.getProperty(RUNTIME_PROPERTY, System.getenv(GuestRuntime.RUNTIME_ENV));
    }

    /** Seconds an unclaimed pooled agent waits: {@code -Dhcs4j.vm.pool-idle-seconds} or the environment's. */
    private static long poolIdleSeconds() {
        String v = System.getProperty(POOL_IDLE_PROPERTY, System.getenv(PooledAgent.IDLE_ENV));
        if (v == null || v.isBlank()) {
            return PooledAgent.DEFAULT_IDLE_SECONDS;
        }
        try {
            long seconds = Long.parseLong(v.trim());
            if (seconds < 1) {
                throw new NumberFormatException("not positive");
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(POOL_IDLE_PROPERTY + "/" + PooledAgent.IDLE_ENV + "=" + v
                    + " is not a positive number of seconds");
        }
    }

    /** Whether the VM boots the Windows boot manager (a Windows utility VM), from its document. */
    static boolean bootsWindows(String documentJson) {
        try {
            String boot = Json.mapper().readTree(documentJson).path("VirtualMachine").path("Chipset").path("Uefi")
                    .path("BootThis").path("DevicePath").asText("");
            return boot.toLowerCase(java.util.Locale.ROOT).endsWith("\\bootmgfw.efi");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The guest a dead emulator left running, from its record: ending it kills the agent's whole process tree and
     * removes its cgroups, socket directory and record. A record whose agent is gone is cleaned up the same way and
     * answers empty.
     */
    @Override
    public Optional<GuestInstance> reattach(String systemId) throws IOException {
        Optional<GuestRecords.GuestRecord> found = GuestRecords.read(systemId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        GuestRecords.GuestRecord r = found.get();
        Optional<ProcessHandle> agent = r.liveAgent();
        if (agent.isEmpty()) {
            LOG.info("guest of {} (pid {}) is gone: removing what it left", systemId, r.agentPid());
            cleanUpAfter(r);
            return Optional.empty();
        }
        LOG.info("guest of {} taken over: pid {}, sockets in {}", systemId, r.agentPid(), r.socketDir());
        return Optional.of(new ReattachedGuest(agent.get(), systemId, () -> cleanUpAfter(r), null));
    }

    private static void record(String systemId, ProcessHandle agent, Path vmDir) {
        try {
            GuestRecords.write(new GuestRecords.GuestRecord(systemId, agent.pid(),
                    agent.info().startInstant().orElseThrow().toEpochMilli(), vmDir));
        } catch (IOException | RuntimeException e) {
            // The VM runs all the same; only another process cannot end it.
            LOG.warn("guest of {} not recorded: {}", systemId, e.getMessage());
        }
    }

    /** A killed agent cannot unmount what it held: where that was in the host's mount namespace, it goes here. */
    private static void unmountLeftovers(String systemId) {
        try {
            MountLog.unmountLeftovers(GuestRecords.mountsFile(systemId));
        } catch (IOException e) {
            LOG.warn("mounts of the guest of {} not checked: {}", systemId, e.getMessage());
        }
    }

    private static void forget(String systemId) {
        try {
            GuestRecords.remove(systemId);
        } catch (IOException e) {
            LOG.warn("record of the guest of {} not removed: {}", systemId, e.getMessage());
        }
    }

    /**
     * What a guest leaves when it ends without its host: its cgroups, mounts it held in the host's namespace, its
     * socket directory and its record.
     */
    private static void cleanUpAfter(GuestRecords.GuestRecord r) {
        removeCgroups(r.socketDir());
        unmountLeftovers(r.vmId());
        try {
            FileTrees.delete(r.socketDir());
        } catch (IOException e) {
            LOG.warn("socket directory {} of {} not removed: {}", r.socketDir(), r.vmId(), e.getMessage());
        }
        forget(r.vmId());
    }

    /** Signals the agent and everything it runs: the guest's whole process tree is the VM. */
    /** {@code root} and its descendants. */
    static List<ProcessHandle> tree(ProcessHandle root) {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(root);
        root.descendants().forEach(all::add);
        return all;
    }

    static void signalTree(ProcessHandle root, int signal) {
        Posix.kill(root.pid(), signal);
        root.descendants().forEach(h -> Posix.kill(h.pid(), signal));
    }

    /** Removes the VM's cgroup tree (after killing anything left in it), as the VM's end would. */
    static void removeCgroups(Path vmDir) {
        try {
            Cgroups cgroups = Cgroups.detect(Cgroups.DEFAULT_ROOT).cgroups();
            if (cgroups != null) {
                cgroups.removeVm(Cgroups.vmName(vmDir));
            }
            // The agent's own files (runc's state) go with it too.
            FileTrees.delete(GuestRuntime.stateDir(vmDir, Posix.isRoot()));
        } catch (RuntimeException | IOException e) {
            // The guest's exit is reported all the same.
            LOG.warn("cannot remove the cgroups or state of the guest in {}: {}", vmDir, e.toString());
        }
    }

    static List<String> command() {
        String configured = System.getenv(AGENT_ENV);
        if (configured != null && !configured.isBlank()) {
            return Arrays.asList(configured.trim().split("\\s+"));
        }
        List<String> command = new ArrayList<>();
        if (Posix.isRoot() && Files.isExecutable(Path.of("/usr/bin/unshare"))) {
            // Java is PID 1 of its namespace: when it dies the kernel kills every process it started.
            command.addAll(List.of("/usr/bin/unshare", "--pid", "--fork", "--kill-child", "--mount-proc"));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(AGENT_JAVA_OPTS);
        if (Runtime.version().feature() >= 24) {
            command.addAll(JDK24_OPTS);
        }
        String archive = System.getenv(CDS_ARCHIVE_ENV);
        if (archive != null && Files.isRegularFile(Path.of(archive))) {
            // The shim's class archive (JDK 17) or AOT cache (JDK 25): most classes come ready-made and shared.
            command.add((archive.endsWith(".aot") ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + archive);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(GuestAgentMain.class.getName());
        return command;
    }
}
