package io.hcs4j.emulator.hcs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.hcs.raw.HResults;
import io.hcs4j.hcs.spi.HcsBackend;
import io.hcs4j.platform.PrivateDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process Host Compute Service: the compute systems, the threads that complete operations and deliver
 * notifications, and the native heap for result strings. {@link #backend()} exposes it through the raw computecore
 * and vmcompute interfaces. {@link #close()} is the service going away: every open handle is told
 * ServiceDisconnect and every later call fails with HCS_E_SERVICE_DISCONNECT.
 */
public final class Emulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Emulator.class);
    /** Documents longer than this (in UTF-16 units) are refused with E_INVALIDARG. */
    public static final int MAX_DOCUMENT_CHARS = 4 << 20;
    /** The cgroup (path under each hierarchy) the containers' cgroups go under; default {@code hcs4j-emulator}. */
    public static final String CGROUP_PARENT_ENV = "HCS4J_EMULATOR_CGROUP";
    /** The same as a system property, which wins: a pooled guest agent learns its VM's only when claimed. */
    public static final String CGROUP_PARENT_PROPERTY = "hcs4j.emulator.cgroup";
    /** The emulator's state directory (its records of guests and cgroups), by default {@code <runtime base>/emulator}. */
    public static final String STATE_DIR_ENV = "HCS4J_EMULATOR_STATE";
    private static final int WORKERS = 8;

    private final GuestLauncher launcher;
    private final NativeHeap heap = new NativeHeap();
    private final Handles handles = new Handles();
    private final Map<String, EmulatedSystem> systems = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor workers;
    private final ThreadPoolExecutor events;
    private final EmulatorBackend backend;
    private volatile boolean closed;

    /** The emulator's state directory: {@link #STATE_DIR_ENV}, else {@code <runtime base>/emulator}. */
    public static Path stateDir() {
        String configured = System.getenv(STATE_DIR_ENV);
        if (configured != null && !configured.isEmpty()) {
            return Path.of(configured);
        }
        return PrivateDirectory.base().resolve("emulator");
    }

    /** An emulator booting VMs with the first {@link GuestLauncher} found by ServiceLoader (or none). */
    public Emulator() {
        this(ServiceLoader.load(GuestLauncher.class).findFirst().orElse(null));
    }

    /** An emulator booting VMs with {@code launcher} (null: VMs run without a guest). */
    public Emulator(GuestLauncher launcher) {
        this.launcher = launcher;
        this.workers = pool("hcs4j-emu-worker-", WORKERS);
        this.events = pool("hcs4j-emu-events-", 1);
        this.backend = new EmulatorBackend(this);
        // What an emulator that died (with its host process) left: its empty containers' cgroups.
        SystemCgroup.reclaimOrphans();
        workers.execute(JsonDocs::warmUp); // meanwhile: the first Create would otherwise pay for it
    }

    private static ThreadPoolExecutor pool(String prefix, int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), factory);
        pool.prestartAllCoreThreads();
        return pool;
    }

    /** The raw interfaces over this emulator. */
    public HcsBackend backend() {
        return backend;
    }

    public NativeHeap heap() {
        return heap;
    }

    /** Compute systems that exist (running, or stopped with handles still open). */
    public int systemCount() {
        return systems.size();
    }

    /** Open handles of every kind (systems, processes, operations, callback registrations). */
    public int handleCount() {
        return handles.size();
    }

    /** Whether {@link #close()} has run. */
    public boolean isClosed() {
        return closed;
    }

    GuestLauncher launcher() {
        return launcher;
    }

    Handles handles() {
        return handles;
    }

    ExecutorService workers() {
        return workers;
    }

    /** Runs {@code r} on the event thread; dropped once the service has gone away. */
    void post(Runnable r) {
        try {
            events.execute(r);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("event dropped after shutdown");
        }
    }

    void checkAlive() {
        if (closed) {
            throw new HcsFault(HResults.HCS_E_SERVICE_DISCONNECT, "the compute service is gone");
        }
    }

    EmulatedSystem create(String id, String document) {
        checkAlive();
        if (id == null || id.isEmpty()) {
            throw new HcsFault(HResults.E_INVALIDARG, "a compute system needs an id");
        }
        if (document == null) {
            throw new HcsFault(HResults.E_INVALIDARG, "a compute system needs a document");
        }
        if (document.length() > MAX_DOCUMENT_CHARS) {
            throw new HcsFault(HResults.E_INVALIDARG, "document of " + document.length() + " characters exceeds "
                    + MAX_DOCUMENT_CHARS);
        }
        EmulatedSystem system = EmulatedSystem.of(this, id, document);
        if (systems.putIfAbsent(id, system) != null) {
            throw new HcsFault(HResults.HCS_E_SYSTEM_ALREADY_EXISTS, "compute system " + id + " already exists");
        }
        return system;
    }

    /** A compute system by id: one of this emulator's, or a VM whose guest a dead emulator left running. */
    EmulatedSystem find(String id) {
        checkAlive();
        EmulatedSystem s = id == null ? null : systems.get(id);
        if (s == null && id != null) {
            EmulatedSystem taken = reattach(id);
            s = taken == null ? null : Objects.requireNonNullElse(systems.putIfAbsent(id, taken), taken);
        }
        if (s == null) {
            throw new HcsFault(HResults.HCS_E_SYSTEM_NOT_FOUND, "compute system " + id + " does not exist");
        }
        return s;
    }

    /** Takes over a VM that another emulator's process booted and left behind, as a running system; or null. */
    private EmulatedSystem reattach(String id) {
        if (launcher == null) {
            return null;
        }
        try {
            return launcher.reattach(id).map(guest -> EmulatedSystem.reattached(this, id, guest)).orElse(null);
        } catch (IOException e) {
            LOG.warn("compute system {} cannot be taken over: {}", id, e.getMessage());
            return null;
        }
    }

    /** HcsEnumerateComputeSystems: a schema1 ComputeSystemQuery (Ids, Owners) to a list of summaries. */
    String enumerate(String query) {
        checkAlive();
        ObjectNode q = JsonDocs.typed(query, io.hcs4j.schema.v1.ComputeSystemQuery.class, "enumerate query");
        ArrayNode out = JsonDocs.MAPPER.createArrayNode();
        for (EmulatedSystem s : systems.values()) {
            if (matches(q.path("Ids"), s.id) && matches(q.path("Owners"), s.owner)) {
                ObjectNode props = JsonDocs.object(s.properties(null), "properties");
                out.addObject().put("Id", s.id).put("SystemType", props.path("SystemType").asText())
                        .put("Owner", s.owner).put("State", props.path("State").asText())
                        .put("RuntimeOsType", "Linux");
            }
        }
        return out.toString();
    }

    private static boolean matches(JsonNode filter, String value) {
        if (!filter.isArray() || filter.isEmpty()) {
            return true;
        }
        for (JsonNode f : filter) {
            if (f.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    void forget(EmulatedSystem system) {
        systems.remove(system.id, system);
    }

    /** The service goes away: systems are killed and every open handle hears ServiceDisconnect. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (EmulatedSystem s : new ArrayList<>(systems.values())) {
            s.disconnect();
        }
        systems.clear();
        for (ThreadPoolExecutor pool : List.of(workers, events)) {
            pool.shutdown();
            try {
                if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                    LOG.warn("emulator threads still busy 10 s after shutdown");
                    pool.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pool.shutdownNow();
            }
        }
    }
}
