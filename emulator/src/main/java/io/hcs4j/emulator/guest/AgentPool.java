package io.hcs4j.emulator.guest;

import io.hcs4j.platform.Detached;
import io.hcs4j.platform.PrivateDirectory;
import io.hcs4j.platform.posix.Posix;
import io.hcs4j.uvm.VmAnnotations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Booted, unclaimed guest agents, node-wide: a VM's launch takes one instead of booting a JVM on the critical path
 * (each pod has a shim of its own, so a pool inside one process would never serve a second pod). One directory per
 * kind of agent ({@code <pool>/<kind>}: the guest's OS and container runtime; an agent serves only the kind it was
 * booted for) holds, per agent, {@code <id>.pid} (the process the pool started and its start time) and, once the
 * agent waits for a claim, {@code <id>.sock} ({@link PooledAgent}); and per agent process its log (stderr),
 * {@code agent-<pid>.log}, kept at most {@link PooledAgent#LOG_LIMIT_BYTES} long. The pool root is {@code HCS4J_VM_POOL_DIR} or
 * {@code <runtime base>/vmpool}, a {@link PrivateDirectory}: an agent that serves a VM must be reachable by its owner
 * alone. Its size is {@code -Dhcs4j.vm.pool-size} (the shim sets it from {@link VmAnnotations#POOL_SIZE}) or
 * {@code HCS4J_VM_POOL_SIZE}, 0 (off) by default.
 */
final class AgentPool {
    static final String SIZE_PROPERTY = VmAnnotations.POOL_SIZE_PROPERTY;
    static final String SIZE_ENV = "HCS4J_VM_POOL_SIZE";
    static final String DIR_PROPERTY = "hcs4j.vm.pool-dir";
    static final String DIR_ENV = "HCS4J_VM_POOL_DIR";
    private static final Logger LOG = LoggerFactory.getLogger(AgentPool.class);
    /**
     * The nice value pooled agents boot and wait at, the lowest priority: a refill runs while the VM that took an
     * agent is still being created, on the same CPUs. A claim gives the agent the claimer's priority back, which needs
     * CAP_SYS_NICE, so agents are started niced as root only.
     */
    static final int REFILL_NICE = 19;
    private static final Path NICE = Path.of("/usr/bin/nice");
    /** A pooled agent's stderr: {@code <kind>/agent-<pid>.log}. */
    private static final String LOG_PREFIX = "agent-";
    /** How long the log of an agent that was killed or failed is kept after its last line. */
    private static final Duration LOG_KEPT = Duration.ofHours(1);
    /** Refills of this JVM's threads; the lock file serialises them with other processes'. */
    private static final Object REFILLS = new Object();

    private final Path dir;

    /** The pool of agents of kind {@code kind} under {@code root}. */
    AgentPool(Path root, String kind) {
        this.dir = root.resolve(kind);
    }

    /** The pool for agents of this OS and container runtime ({@code null}: the agent's default), at the configured root. */
    static AgentPool forKind(boolean windows, String runtime) {
        String kind = windows ? "windows" : "linux-" + (runtime == null || runtime.isBlank() ? "default" : runtime);
        return new AgentPool(root(), kind);
    }

    static Path root() {
        String configured = System.getProperty(DIR_PROPERTY, System.getenv(DIR_ENV));
        return configured == null || configured.isEmpty() ? PrivateDirectory.base().resolve("vmpool")
                : Path.of(configured);
    }

    /** How many agents of each kind to keep ready: 0 (off) unless configured; a bad value is an error naming it. */
    static int configuredSize() {
        String v = System.getProperty(SIZE_PROPERTY, System.getenv(SIZE_ENV));
        if (v == null || v.isBlank()) {
            return 0;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 0 || n > VmAnnotations.MAX_POOL_SIZE) {
                throw new NumberFormatException("out of range");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(SIZE_PROPERTY + "/" + SIZE_ENV + "=" + v + " is not a number of 0.."
                    + VmAnnotations.MAX_POOL_SIZE);
        }
    }

    Path dir() {
        return dir;
    }

    /** An agent taken from the pool: its process (the root of its process tree) and the line to it. */
    record Taken(ProcessHandle agent, SocketChannel line) {
    }

    /**
     * Takes one ready agent and hands it the VM ({@code claim}): it dials the VM's socket directory as a fresh agent would. Empty when none is
     * ready; an agent that died in the pool is removed on the way.
     */
    Optional<Taken> take(PooledAgent.Claim claim) throws IOException {
        if (!PrivateDirectory.check(dir)) {
            return Optional.empty();
        }
        for (String id : ids(PooledAgent.SOCKET)) {
            Path entry = dir.resolve(id);
            Optional<ProcessHandle> agent = readPid(entry);
            if (agent.isEmpty()) {
                continue; // being started or being removed: not ours to take
            }
            Path claimed = PooledAgent.file(entry, PooledAgent.CLAIMED);
            try {
                Files.move(PooledAgent.file(entry, PooledAgent.SOCKET), claimed, StandardCopyOption.ATOMIC_MOVE);
            } catch (NoSuchFileException takenMeanwhile) {
                continue;
            }
            try {
                return Optional.of(new Taken(agent.get(), PooledAgent.claim(claimed, claim)));
            } catch (IOException e) {
                LOG.warn("pooled agent {} (pid {}) did not take the VM: {}", id, agent.get().pid(), e.getMessage());
                killTree(agent.get());
            } finally {
                Files.deleteIfExists(claimed);
                Files.deleteIfExists(PooledAgent.file(entry, PooledAgent.PID));
            }
        }
        return Optional.empty();
    }

    /** Whether no agent is ready: a claim that leaves the pool so has the next start boot one. */
    boolean isEmpty() throws IOException {
        return ids(PooledAgent.SOCKET).isEmpty();
    }

    /**
     * Ends the VM of an agent taken from this pool, cleanly ({@link PooledAgent#end}), and gives the agent back to the
     * pool when it is clean and the pool has fewer than {@code size} agents; otherwise it exits (why is logged).
     *
     * @return whether the agent went back to the pool (it lives on); false: it is exiting
     * @throws IOException the agent did not answer as it should (the caller kills it)
     */
    boolean recycle(Taken taken, int size) throws IOException {
        try (SocketChannel line = taken.line()) {
            Optional<String> refusal = PooledAgent.end(line);
            if (refusal.isPresent()) {
                LOG.info("guest agent (pid {}) not given back to the pool: {}", taken.agent().pid(), refusal.get());
                PooledAgent.leave(line, null);
                return false;
            }
            synchronized (REFILLS) {
                PrivateDirectory.create(dir);
                try (FileChannel lockFile = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                     FileLock ignored = lockFile.lock()) {
                    if (live() >= size) {
                        LOG.info("guest agent (pid {}) not given back to the pool: it is full ({})", taken.agent().pid(),
                                size);
                        PooledAgent.leave(line, null);
                        return false;
                    }
                    Path entry = newEntry();
                    writePid(entry, taken.agent());
                    PooledAgent.leave(line, entry);
                    LOG.info("guest agent (pid {}) given back to the pool: {}", taken.agent().pid(), entry);
                    return true;
                }
            }
        }
    }

    /** The entries whose agent runs (ready, booting or going back to the pool). */
    private int live() throws IOException {
        int live = 0;
        for (String id : ids(PooledAgent.PID)) {
            if (readPid(dir.resolve(id)).isPresent()) {
                live++;
            }
        }
        return live;
    }

    private Path newEntry() {
        return dir.resolve(UUID.randomUUID().toString().replace("-", "").substring(0, 16));
    }

    /**
     * Brings the pool to {@code size} agents: removes entries whose agent died, lets extras go (their socket removed,
     * they exit), and starts what is missing with {@code command}, detached (a session of their own, no stdio of
     * ours) so that they outlive the caller as pooled agents must.
     */
    void refill(int size, List<String> command, Map<String, String> env) throws IOException {
        synchronized (REFILLS) {
            PrivateDirectory.create(dir);
            try (FileChannel lockFile = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
                 FileLock ignored = lockFile.lock()) {
                List<String> idle = new ArrayList<>();
                int live = 0;
                for (String id : ids(PooledAgent.PID)) {
                    Path entry = dir.resolve(id);
                    if (readPid(entry).isPresent()) {
                        live++;
                        if (Files.exists(PooledAgent.file(entry, PooledAgent.SOCKET))) {
                            idle.add(id);
                        }
                    } else {
                        remove(entry);
                    }
                }
                for (String id : ids(PooledAgent.SOCKET)) {
                    if (!Files.exists(PooledAgent.file(dir.resolve(id), PooledAgent.PID))) {
                        Files.deleteIfExists(PooledAgent.file(dir.resolve(id), PooledAgent.SOCKET)); // it exits
                    }
                }
                for (int i = 0; live > size && i < idle.size(); i++) {
                    Path entry = dir.resolve(idle.get(i));
                    if (Files.deleteIfExists(PooledAgent.file(entry, PooledAgent.SOCKET))) {
                        Files.deleteIfExists(PooledAgent.file(entry, PooledAgent.PID));
                        live--;
                    }
                }
                for (; live < size; live++) {
                    start(command, env);
                }
                removeLogs(LOG_KEPT);
            }
        }
    }

    /** Ends every agent of this pool and removes its entries: what an operator's {@code rm} of the sockets does, now. */
    void empty() throws IOException {
        if (!PrivateDirectory.check(dir)) {
            return;
        }
        for (String id : ids(PooledAgent.PID)) {
            Path entry = dir.resolve(id);
            Optional<ProcessHandle> agent = readPid(entry);
            if (agent.isPresent()) {
                killTree(agent.get());
                Files.deleteIfExists(logOf(agent.get().pid()));
            }
            remove(entry);
        }
        removeLogs(Duration.ZERO);
    }

    private void start(List<String> command, Map<String, String> env) throws IOException {
        Path entry = newEntry();
        List<String> niced = new ArrayList<>();
        if (Posix.isRoot() && Files.isExecutable(NICE)) {
            // Niced before its JVM starts: every thread a JVM makes inherits the nice of the thread that makes it.
            niced.addAll(List.of(NICE.toString(), "-n", Integer.toString(REFILL_NICE)));
        }
        niced.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(niced);
        pb.environment().putAll(env);
        pb.environment().put(PooledAgent.ENTRY_ENV, entry.toString());
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Path log = PooledAgent.file(entry, ".log");
        pb.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Optional<ProcessHandle> started;
        try {
            started = Detached.start(pb);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting a pooled agent", e);
        }
        if (started.isEmpty()) {
            throw new IOException("a pooled agent exited at once: " + command + " (its log: " + log + ")");
        }
        // Named by its process from now on, whichever entry it waits in; the agent's stderr follows the rename.
        Files.move(log, logOf(started.get().pid()), StandardCopyOption.ATOMIC_MOVE);
        writePid(entry, started.get());
        LOG.info("pooled guest agent started: pid {}, {}", started.get().pid(), entry);
    }

    /** The log (stderr) of the pooled agent whose process is {@code pid}. */
    Path logOf(long pid) {
        return dir.resolve(LOG_PREFIX + pid + ".log");
    }

    /**
     * Removes the logs of agents that are gone and wrote nothing for {@code quiet} (zero: all of them): an agent that
     * exits by itself removes its own, one that was killed or failed leaves it for the operator for a while.
     */
    private void removeLogs(Duration quiet) throws IOException {
        for (String id : ids(".log")) {
            if (!id.startsWith(LOG_PREFIX)) {
                continue;
            }
            Path log = dir.resolve(id + ".log");
            try {
                boolean alive = ProcessHandle.of(Long.parseLong(id.substring(LOG_PREFIX.length()))).isPresent();
                if (!alive && Files.getLastModifiedTime(log).toInstant().isBefore(Instant.now().minus(quiet))) {
                    Files.deleteIfExists(log);
                }
            } catch (NumberFormatException | NoSuchFileException e) {
                // not an agent's log, or removed meanwhile
            }
        }
    }

    /** Names the entry's agent: the process and its start time, so that a reused pid is never taken for it. */
    static void writePid(Path entry, ProcessHandle agent) throws IOException {
        Properties p = new Properties();
        p.setProperty("pid", Long.toString(agent.pid()));
        p.setProperty("startMillis", Long.toString(agent.info().startInstant().orElseThrow().toEpochMilli()));
        Path tmp = PooledAgent.file(entry, ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, null);
        }
        Files.move(tmp, PooledAgent.file(entry, PooledAgent.PID), StandardCopyOption.ATOMIC_MOVE);
    }

    /** The entry's agent, if its pid file names a process that still runs (same pid, same start time). */
    static Optional<ProcessHandle> readPid(Path entry) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(PooledAgent.file(entry, PooledAgent.PID), StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(p.getProperty("pid", ""));
            long start = Long.parseLong(p.getProperty("startMillis", ""));
            return ProcessHandle.of(pid).filter(h -> h.info().startInstant()
                    .map(t -> t.toEpochMilli() == start).orElse(false));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void remove(Path entry) throws IOException {
        for (String suffix : List.of(PooledAgent.BINDING, PooledAgent.SOCKET, PooledAgent.CLAIMED, PooledAgent.PID)) {
            Files.deleteIfExists(PooledAgent.file(entry, suffix));
        }
    }

    private static void killTree(ProcessHandle agent) {
        agent.descendants().forEach(ProcessHandle::destroyForcibly);
        agent.destroyForcibly();
    }

    /** The ids of the entries that have a file with {@code suffix}, oldest name order. */
    private List<String> ids(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(suffix))
                    .map(n -> n.substring(0, n.length() - suffix.length())).sorted().toList();
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }
}
