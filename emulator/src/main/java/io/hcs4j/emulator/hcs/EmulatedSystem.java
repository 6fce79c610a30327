package io.hcs4j.emulator.hcs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.emulator.os.Sessions;
import io.hcs4j.hcs.raw.HResults;
import io.hcs4j.platform.posix.Posix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One emulated compute system and the HCS state machine: Created -> Running <-> Paused, any -> Stopped.
 * Containers run their processes on the host; a VirtualMachine boots a guest through the {@link GuestLauncher}.
 */
final class EmulatedSystem {
    private static final Logger LOG = LoggerFactory.getLogger(EmulatedSystem.class);
    private static final long GRACE_MS = 5_000;
    private static final String REATTACHED_DOCUMENT = "{\"SchemaVersion\":{\"Major\":2,\"Minor\":1},\"VirtualMachine\":{}}";

    enum Kind { CONTAINER, VIRTUAL_MACHINE }

    static final String VM_MEMORY_PATH = "VirtualMachine/ComputeTopology/Memory/SizeInMB";
    static final String VM_PROCESSOR_LIMITS_PATH = "VirtualMachine/ComputeTopology/Processor/Limits";
    /** A VM whose document names no processor count has hcsshim's default of two. */
    private static final int DEFAULT_VM_PROCESSORS = 2;

    enum State { CREATED, RUNNING, PAUSED, STOPPED }

    /** Receives this system's SystemExited and ServiceDisconnect notifications. */
    interface Watcher {
        void systemExited(String data);

        void serviceDisconnected();
    }

    final Emulator emulator;
    final String id;
    final Kind kind;
    final String document;
    final ObjectNode config;
    final String owner;
    /** The VM id HCS reports as RuntimeId (the VM id of its hvsockets). */
    final java.util.UUID runtimeId = java.util.UUID.randomUUID();
    final boolean terminateOnLastHandleClose;
    final Path root;
    final Map<Integer, EmulatedProcess> processes = new ConcurrentHashMap<>();
    final List<Watcher> watchers = new CopyOnWriteArrayList<>();
    final List<JsonNode> modifications = new CopyOnWriteArrayList<>();
    /** Completes with the SystemExited data when the system stops (null when the service went away). */
    final CompletableFuture<String> exited = new CompletableFuture<>();
    /** A VM's hot-added devices (null for containers). */
    private final VmDevices devices;

    private State state = State.CREATED;
    private boolean starting;
    private int handles;
    private GuestInstance guest;
    private String exitData;
    private Instant startedAt;
    /** The largest commit Statistics has reported: HCS reports the peak beside the current figure. */
    private long commitPeak;
    /** A running container's cgroup, which enforces its limits; null for VMs and where cgroups cannot be used. */
    private SystemCgroup cgroup;

    private EmulatedSystem(Emulator emulator, String id, Kind kind, String document, ObjectNode config) {
        this.emulator = emulator;
        this.id = id;
        this.kind = kind;
        this.document = document;
        this.config = config;
        this.owner = config.path("Owner").asText("");
        this.terminateOnLastHandleClose = config.path("ShouldTerminateOnLastHandleClosed").asBoolean(false)
                || config.path("TerminateOnLastHandleClosed").asBoolean(false);
        this.root = rootOf(config);
        this.devices = kind == Kind.VIRTUAL_MACHINE ? new VmDevices(id, config.path("VirtualMachine")) : null;
    }

    /** Validates a compute system document (schema2 ComputeSystem or schema1 ContainerConfig) and builds the system. */
    static EmulatedSystem of(Emulator emulator, String id, String document) {
        ObjectNode config = JsonDocs.object(document, "compute system document");
        Kind kind;
        if (config.has("SchemaVersion")) {
            JsonNode v = config.get("SchemaVersion");
            if (!v.isObject() || !v.path("Major").isInt() || !v.path("Minor").isInt()) {
                throw new HcsFault(HResults.HCS_E_INVALID_JSON, "SchemaVersion must be {\"Major\":int,\"Minor\":int}");
            }
            if (config.path("VirtualMachine").isObject()) {
                kind = Kind.VIRTUAL_MACHINE;
            } else if (config.path("Container").isObject() || config.path("HostedSystem").isObject()) {
                kind = Kind.CONTAINER;
            } else {
                throw new HcsFault(HResults.HCS_E_INVALID_JSON,
                        "schema2 document needs a Container, HostedSystem or VirtualMachine object");
            }
        } else {
            kind = switch (config.path("SystemType").asText("")) {
                case "Container" -> Kind.CONTAINER;
                case "VirtualMachine" -> Kind.VIRTUAL_MACHINE;
                default -> throw new HcsFault(HResults.HCS_E_INVALID_JSON,
                        "document has neither SchemaVersion (schema2) nor SystemType (schema1)");
            };
        }
        JsonDocs.typed(document, config.has("SchemaVersion") ? io.hcs4j.schema.v2.ComputeSystem.class
                : io.hcs4j.schema.v1.ContainerConfig.class, "compute system document");
        return new EmulatedSystem(emulator, id, kind, document, config);
    }

    /**
     * A running VM whose guest another emulator started (its process died): only its guest is known, so it has a
     * bare VirtualMachine document, no processes and no devices of its own. Ending it ends the guest.
     */
    static EmulatedSystem reattached(Emulator emulator, String id, GuestInstance guest) {
        EmulatedSystem s = of(emulator, id, REATTACHED_DOCUMENT);
        synchronized (s) {
            s.guest = guest;
            s.state = State.RUNNING;
            s.startedAt = Instant.now();
        }
        guest.exit().whenComplete((code, e) -> s.guestExited());
        return s;
    }

    private static Path rootOf(ObjectNode config) {
        String path = config.path("Container").path("Storage").path("Path").asText(config.path("VolumePath").asText(""));
        if (path.isEmpty()) {
            return null;
        }
        Path p = Path.of(path);
        return Files.isDirectory(p) ? p : null;
    }

    synchronized State state() {
        return state;
    }

    private HcsFault invalidState(String what) {
        return new HcsFault(HResults.HCS_E_INVALID_STATE, what + " is not valid in state " + state);
    }

    // ---- handles

    synchronized void handleOpened() {
        handles++;
    }

    /** A handle was closed: terminate when the document asks for it, forget the system once stopped and unused. */
    void handleClosed() {
        boolean terminate;
        synchronized (this) {
            handles--;
            terminate = handles == 0 && terminateOnLastHandleClose && state != State.STOPPED;
        }
        if (terminate) {
            emulator.workers().execute(() -> {
                try {
                    terminate();
                } catch (HcsFault e) {
                    LOG.debug("{}: terminate on last handle close: {}", id, e.toString());
                }
            });
        }
        forgetIfUnused();
    }

    private void forgetIfUnused() {
        synchronized (this) {
            if (handles > 0 || state != State.STOPPED) {
                return;
            }
        }
        emulator.forget(this);
    }

    // ---- lifecycle

    void start() {
        synchronized (this) {
            if (state != State.CREATED || starting) {
                throw invalidState("start");
            }
            starting = true;
        }
        GuestInstance g = null;
        try {
            if (kind == Kind.VIRTUAL_MACHINE && emulator.launcher() != null) {
                try {
                    g = emulator.launcher().launch(id, document);
                } catch (IOException e) {
                    stop("UnexpectedExit", HResults.HCS_E_UNEXPECTED_EXIT);
                    throw new HcsFault(HResults.HCS_E_UNEXPECTED_EXIT, "the guest did not start: " + e.getMessage());
                }
                if (g.exit().isDone()) {
                    stop("UnexpectedExit", HResults.HCS_E_UNEXPECTED_EXIT);
                    throw new HcsFault(HResults.HCS_E_UNEXPECTED_EXIT, "the guest exited during start");
                }
            }
            SystemCgroup c = kind == Kind.CONTAINER ? SystemCgroup.create(runtimeId.toString()) : null;
            synchronized (this) {
                if (state != State.CREATED) {
                    if (g != null) {
                        g.kill();
                    }
                    if (c != null) {
                        c.remove();
                    }
                    throw invalidState("start");
                }
                cgroup = c;
                try {
                    applyLimits();
                } catch (HcsFault e) {
                    cgroup = null;
                    c.remove();
                    throw e;
                }
                guest = g;
                state = State.RUNNING;
                startedAt = Instant.now();
            }
            if (g != null) {
                g.exit().whenComplete((code, e) -> guestExited());
            }
        } finally {
            synchronized (this) {
                starting = false;
            }
        }
    }

    private void guestExited() {
        // A guest that exits while the system is still running has crashed; stop() is a no-op otherwise.
        stop("UnexpectedExit", HResults.HCS_E_UNEXPECTED_EXIT);
    }

    void shutdown() {
        synchronized (this) {
            if (state == State.STOPPED) {
                throw new HcsFault(HResults.HCS_E_SYSTEM_ALREADY_STOPPED, "system " + id + " already stopped");
            }
            if (state == State.PAUSED || starting) {
                throw invalidState("shutdown");
            }
        }
        // Graceful: SIGTERM first, SIGKILL what is left after the grace period.
        processes.values().forEach(p -> p.signalTree(Posix.SIGTERM));
        awaitProcesses(GRACE_MS);
        stop("GracefulExit", 0);
    }

    void terminate() {
        synchronized (this) {
            if (state == State.STOPPED) {
                throw new HcsFault(HResults.HCS_E_SYSTEM_ALREADY_STOPPED, "system " + id + " already stopped");
            }
        }
        stop("ForcedExit", 0);
    }

    /** HcsCrashComputeSystem: a VM's guest is killed and the system exits unexpectedly. */
    void crash() {
        GuestInstance g;
        synchronized (this) {
            if (kind != Kind.VIRTUAL_MACHINE) {
                throw new HcsFault(HResults.E_NOT_SUPPORTED, "only virtual machines can be crashed");
            }
            if (state != State.RUNNING) {
                throw invalidState("crash");
            }
            g = guest;
        }
        if (g != null) {
            g.kill();
        }
        stop("UnexpectedExit", HResults.HCS_E_UNEXPECTED_EXIT);
    }

    /**
     * Moves to Stopped once: kills what still runs, then notifies SystemExited. Concurrent callers return after the
     * first has done so.
     */
    private void stop(String exitType, int status) {
        GuestInstance g;
        synchronized (this) {
            if (state == State.STOPPED) {
                return;
            }
            state = State.STOPPED;
            g = guest;
            exitData = JsonDocs.newObject().put("Status", status).put("ExitType", exitType).toString();
        }
        // Everything that belongs to the system ends, grandchildren and what exited processes left behind too.
        processes.values().forEach(EmulatedProcess::killTree);
        if (g != null) {
            // Real HCS ends the VM and all in it either way; only an emulated guest agent may be kept for another VM.
            if (exitType.equals("UnexpectedExit")) {
                g.kill();
            } else {
                g.end();
            }
        }
        awaitProcesses(GRACE_MS);
        if (g != null) {
            try {
                g.exit().get(GRACE_MS, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                LOG.warn("{}: guest did not exit within {} ms of kill", id, GRACE_MS);
            }
        }
        if (devices != null) {
            devices.removeAll();
        }
        removeCgroup();
        String data = exitData;
        exited.complete(data);
        emulator.post(() -> watchers.forEach(w -> w.systemExited(data)));
        forgetIfUnused();
    }

    /**
     * Waits (bounded) for the processes and everything in their sessions to end; kills whatever is left when the
     * time is up.
     */
    private void awaitProcesses(long ms) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        CompletableFuture<?> all = CompletableFuture.allOf(processes.values().stream()
                .map(p -> p.exit).toArray(CompletableFuture[]::new));
        try {
            all.get(ms, TimeUnit.MILLISECONDS);
            for (EmulatedProcess p : processes.values()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (!Sessions.awaitEmpty(p.pid, false, Math.max(1, left))) {
                    throw new TimeoutException("session " + p.pid + " still has " + Sessions.members(p.pid, false));
                }
            }
        } catch (Exception e) {
            LOG.debug("{}: {}; killing what is left", id, e.toString());
            processes.values().forEach(EmulatedProcess::killTree);
        }
    }

    /** The SystemExited data, or null while the system has not stopped. */
    synchronized String exitData() {
        return exitData;
    }

    private synchronized GuestInstance guestOrNull() {
        return guest;
    }

    void pause() {
        synchronized (this) {
            if (state != State.RUNNING) {
                throw invalidState("pause");
            }
            state = State.PAUSED;
        }
        processes.values().forEach(p -> p.signalTree(Posix.SIGSTOP));
        GuestInstance g = guestOrNull();
        if (g != null) {
            g.pause();
        }
    }

    void resume() {
        synchronized (this) {
            if (state != State.PAUSED) {
                throw invalidState("resume");
            }
            state = State.RUNNING;
        }
        GuestInstance g = guestOrNull();
        if (g != null) {
            g.resume();
        }
        processes.values().forEach(p -> p.signalTree(Posix.SIGCONT));
    }

    /** Save needs a paused system; with SaveStateFilePath the document and state are written there. */
    void save(String options) {
        ObjectNode o = JsonDocs.typed(options, io.hcs4j.schema.v2.SaveOptions.class, "save options");
        synchronized (this) {
            if (state != State.PAUSED) {
                throw invalidState("save");
            }
        }
        String file = o.path("SaveStateFilePath").asText("");
        if (!file.isEmpty()) {
            try {
                Files.writeString(Path.of(file), JsonDocs.newObject().put("Id", id).put("Document", document).toString());
            } catch (IOException e) {
                throw new HcsFault(HResults.E_PATH_NOT_FOUND, "cannot write " + file + ": " + e.getMessage());
            }
        }
    }

    void modify(String request) {
        ObjectNode r = JsonDocs.typed(request, io.hcs4j.schema.v2.ModifySettingRequest.class, "modify request");
        String type = r.path("RequestType").asText("Add");
        if (!List.of("Add", "Remove", "Update").contains(type)) {
            throw new HcsFault(HResults.E_INVALIDARG, "unknown RequestType " + type);
        }
        synchronized (this) {
            if (state == State.STOPPED || state == State.CREATED) {
                throw invalidState("modify");
            }
        }
        String path = r.path("ResourcePath").asText("");
        if (devices != null && VmDevices.handles(path)) {
            devices.modify(type, path, r.get("Settings"));
        }
        if (path.equals(VM_MEMORY_PATH) || path.equals(VM_PROCESSOR_LIMITS_PATH)) {
            updateVm(type, path, r.path("Settings"));
        }
        if (kind == Kind.CONTAINER && type.equals("Update") && path.startsWith("Container/")) {
            updateLimits(path, r.path("Settings"));
        }
        modifications.add(r);
    }

    /**
     * A running container's new memory or processor limits, as hcsshim sends them: the size in MB on
     * {@code Container/Memory/SizeInMB}, a schema2 Processor (Count, Maximum or Weight) on {@code Container/Processor}.
     * They replace the document's, show in the Memory property and are enforced by the container's cgroup.
     */
    private void updateLimits(String path, JsonNode settings) {
        switch (path) {
            case "Container/Memory/SizeInMB" -> {
                if (!settings.canConvertToExactIntegral() || settings.asLong() <= 0) {
                    throw new HcsFault(HResults.E_INVALIDARG, "memory size " + settings + " is not a positive number of MB");
                }
                synchronized (this) {
                    config.with("Container").with("Memory").put("SizeInMB", settings.asLong());
                    applyLimits();
                }
            }
            case "Container/Processor" -> {
                ObjectNode processor = JsonDocs.typed(settings.toString(), io.hcs4j.schema.v2.Processor.class,
                        "processor settings");
                int cpus = Runtime.getRuntime().availableProcessors();
                limit(processor, "Count", cpus);
                limit(processor, "Maximum", 10_000);
                limit(processor, "Weight", 10_000);
                synchronized (this) {
                    config.with("Container").with("Processor").setAll(processor);
                    applyLimits();
                }
            }
            default -> throw new HcsFault(HResults.E_INVALIDARG, "cannot update " + path + " of a running container");
        }
    }

    /**
     * A running VM's new memory size (a positive number of MB) on
     * {@code VirtualMachine/ComputeTopology/Memory/SizeInMB}, or processor limits (ProcessorLimits: Limit 0..100000,
     * Weight 0..10000) on {@code VirtualMachine/ComputeTopology/Processor/Limits}; hcsshim sends both without a
     * RequestType. They replace the document's, show in the Memory property (available MB of the new size), and the
     * guest sees its new memory size or is held to the new processor limits. A container has no such resources; nothing can be removed.
     */
    private void updateVm(String type, String path, JsonNode settings) {
        if (kind != Kind.VIRTUAL_MACHINE) {
            throw new HcsFault(HResults.E_INVALIDARG, path + " is a virtual machine's resource, " + id + " is a container");
        }
        if (type.equals("Remove")) {
            throw new HcsFault(HResults.E_INVALIDARG, "cannot remove " + path);
        }
        ObjectNode topology;
        synchronized (this) {
            topology = config.with("VirtualMachine").with("ComputeTopology");
        }
        if (path.equals(VM_MEMORY_PATH)) {
            if (!settings.canConvertToExactIntegral() || settings.asLong() <= 0) {
                throw new HcsFault(HResults.E_INVALIDARG, "memory size " + settings + " is not a positive number of MB");
            }
            synchronized (this) {
                topology.with("Memory").put("SizeInMB", settings.asLong());
            }
            GuestInstance g = guestOrNull();
            if (g != null) {
                g.memoryResized(settings.asLong());
            }
            return;
        }
        ObjectNode limits = JsonDocs.typed(settings.toString(), io.hcs4j.schema.v2.ProcessorLimits.class,
                "processor limits");
        range(limits, "Limit", 100_000);
        range(limits, "Weight", 10_000);
        int processors;
        synchronized (this) {
            ObjectNode processor = topology.with("Processor");
            processor.put("Limit", limits.path("Limit").asLong(0)).put("Weight", limits.path("Weight").asLong(0));
            processors = processor.path("Count").asInt(DEFAULT_VM_PROCESSORS);
        }
        GuestInstance g = guestOrNull();
        if (g != null) {
            g.processorsLimited(processors, limits.path("Limit").asLong(0), limits.path("Weight").asLong(0));
        }
    }

    private static void range(ObjectNode limits, String field, long max) {
        JsonNode v = limits.path(field);
        if (!v.isMissingNode() && (!v.canConvertToExactIntegral() || v.asLong() < 0 || v.asLong() > max)) {
            throw new HcsFault(HResults.E_INVALIDARG, "ProcessorLimits." + field + " " + v + " is not in 0.." + max);
        }
    }

    private static void limit(ObjectNode processor, String field, int max) {
        if (processor.has(field) && (processor.get(field).asInt() < 1 || processor.get(field).asInt() > max)) {
            throw new HcsFault(HResults.E_INVALIDARG, "Processor." + field + " " + processor.get(field) + " is not in 1.." + max);
        }
    }

    // ---- processes

    EmulatedProcess createProcess(String parameters) {
        ObjectNode params = JsonDocs.typed(parameters, io.hcs4j.schema.v2.ProcessParameters.class,
                "process parameters");
        synchronized (this) {
            if (state != State.RUNNING) {
                throw invalidState("create process");
            }
        }
        EmulatedProcess p = EmulatedProcess.spawn(this, params, root);
        synchronized (this) {
            if (cgroup != null) {
                // From its exec on: what it forks later is in the cgroup too.
                cgroup.add(p.pid);
            }
        }
        processes.put(p.pid, p);
        p.process.onExit().whenComplete((proc, e) -> {
            p.exit.complete(proc.exitValue());
            String status = p.status();
            emulator.post(() -> p.watchers.forEach(w -> w.processExited(status)));
        });
        return p;
    }

    EmulatedProcess process(int pid) {
        EmulatedProcess p = processes.get(pid);
        if (p == null) {
            throw new HcsFault(HResults.E_ELEMENT_NOT_FOUND, "no process " + pid + " in " + id);
        }
        return p;
    }

    // ---- properties

    /** Answers a PropertyQuery ({"PropertyTypes": [...]}) from live state. */
    String properties(String query) {
        ObjectNode q = JsonDocs.typed(query, io.hcs4j.schema.v2.PropertyQuery.class, "property query");
        ObjectNode out = JsonDocs.newObject();
        State s = state();
        out.put("Id", id)
                .put("SystemType", kind == Kind.CONTAINER ? "Container" : "VirtualMachine")
                .put("Owner", owner)
                .put("RuntimeId", runtimeId.toString())
                .put("RuntimeOsType", "Linux")
                .put("State", switch (s) {
                    case CREATED -> "Created";
                    case RUNNING -> "Running";
                    case PAUSED -> "Paused";
                    case STOPPED -> "Stopped";
                })
                .put("Stopped", s == State.STOPPED);
        for (JsonNode t : q.path("PropertyTypes")) {
            switch (t.asText()) {
                case "ProcessList" -> out.set("ProcessList", processList());
                case "Statistics" -> out.set("Statistics", statistics());
                case "Memory" -> out.set("Memory", memory());
                default -> throw new HcsFault(HResults.E_NOT_SUPPORTED, "property type " + t.asText());
            }
        }
        return out.toString();
    }

    /** Every running process that belongs to the system: its processes' sessions. */
    private List<Integer> livePids() {
        List<Integer> live = new ArrayList<>();
        for (EmulatedProcess p : processes.values()) {
            if (!p.exited()) {
                live.add(p.pid);
            }
            for (long member : Sessions.members(p.pid, !p.exited())) {
                if (member != p.pid) {
                    live.add((int) member);
                }
            }
        }
        return live;
    }

    private ArrayNode processList() {
        ArrayNode list = JsonDocs.MAPPER.createArrayNode();
        for (int pid : livePids()) {
            ProcStat st = ProcStat.read(pid);
            if (st != null) {
                // ProcessDetails' figures are int32 in the schema: clamp rather than overflow.
                list.addObject().put("ProcessId", pid).put("ImageName", st.name())
                        .put("UserTime100ns", int32(st.userTime100ns()))
                        .put("KernelTime100ns", int32(st.kernelTime100ns()))
                        .put("MemoryCommitBytes", int32(st.virtualBytes()))
                        .put("MemoryWorkingSetPrivateBytes", int32(st.residentBytes() - st.sharedBytes()))
                        .put("MemoryWorkingSetSharedBytes", int32(st.sharedBytes()));
            }
        }
        return list;
    }

    private static int int32(long v) {
        return (int) Math.min(v, Integer.MAX_VALUE);
    }

    /** The processes whose figures are the system's statistics: a VM's are its guest's. */
    private List<Integer> measuredPids() {
        GuestInstance g = guestOrNull();
        if (g == null) {
            return livePids();
        }
        return g.processes().stream().map(h -> (int) h.pid()).toList();
    }

    private ObjectNode statistics() {
        long user = 0;
        long kernel = 0;
        long commit = 0;
        long privateWs = 0;
        long readBytes = 0;
        long writeBytes = 0;
        long reads = 0;
        long writes = 0;
        for (int pid : measuredPids()) {
            ProcStat st = ProcStat.read(pid);
            if (st != null) {
                user += st.userTime100ns();
                kernel += st.kernelTime100ns();
                commit += st.virtualBytes();
                privateWs += st.residentBytes() - st.sharedBytes();
                readBytes += st.readBytes();
                writeBytes += st.writeBytes();
                reads += st.readCount();
                writes += st.writeCount();
            }
        }
        Instant now = Instant.now();
        Instant started;
        long peak;
        synchronized (this) {
            started = startedAt;
            commitPeak = Math.max(commitPeak, commit);
            peak = commitPeak;
        }
        ObjectNode stats = JsonDocs.newObject().put("Timestamp", now.toString());
        if (started != null) {
            stats.put("ContainerStartTime", started.toString())
                    .put("Uptime100ns", java.time.Duration.between(started, now).toNanos() / 100);
        }
        stats.putObject("Processor").put("TotalRuntime100ns", user + kernel).put("RuntimeUser100ns", user)
                .put("RuntimeKernel100ns", kernel);
        stats.putObject("Memory").put("MemoryUsageCommitBytes", commit).put("MemoryUsageCommitPeakBytes", peak)
                .put("MemoryUsagePrivateWorkingSetBytes", privateWs);
        stats.putObject("Storage").put("ReadCountNormalized", reads).put("ReadSizeBytes", readBytes)
                .put("WriteCountNormalized", writes).put("WriteSizeBytes", writeBytes);
        return stats;
    }

    /**
     * A VM's memory as HCS reports it: assigned memory in pages, available memory in MB (of its size; for a container,
     * of its memory limit).
     */
    private ObjectNode memory() {
        long residentBytes = 0;
        for (int pid : measuredPids()) {
            ProcStat st = ProcStat.read(pid);
            if (st != null) {
                residentBytes += st.residentBytes();
            }
        }
        long sizeMb;
        synchronized (this) {
            sizeMb = kind == Kind.CONTAINER ? config.path("Container").path("Memory").path("SizeInMB").asLong(0)
                    : config.path("VirtualMachine").path("ComputeTopology").path("Memory").path("SizeInMB").asLong(0);
        }
        ObjectNode m = JsonDocs.newObject();
        m.putObject("VirtualMachineMemory").put("AssignedMemory", residentBytes / 4096)
                .put("AvailableMemory", int32(Math.max(0, sizeMb - (residentBytes >> 20))));
        return m;
    }

    /**
     * The service goes away: every handle hears ServiceDisconnect first (and nothing after), then everything still
     * running is killed.
     */
    void disconnect() {
        GuestInstance g;
        synchronized (this) {
            g = guest;
            state = State.STOPPED;
        }
        exited.complete(null);
        watchers.forEach(Watcher::serviceDisconnected);
        watchers.clear();
        for (EmulatedProcess p : processes.values()) {
            p.watchers.forEach(EmulatedProcess.Watcher::serviceDisconnected);
            p.watchers.clear();
        }
        processes.values().forEach(EmulatedProcess::killTree);
        if (g != null) {
            g.kill();
        }
        awaitProcesses(GRACE_MS);
        if (devices != null) {
            devices.removeAll();
        }
        removeCgroup();
    }

    /** The container's cgroup takes its document's current limits (a no-op without one). */
    private synchronized void applyLimits() {
        if (cgroup != null) {
            JsonNode c = config.path("Container");
            cgroup.apply(c.path("Processor"), c.path("Memory").path("SizeInMB").asLong(0));
        }
    }

    private void removeCgroup() {
        SystemCgroup c;
        synchronized (this) {
            c = cgroup;
            cgroup = null;
        }
        if (c != null) {
            c.remove();
        }
    }

    /** The cgroup's directories (tests: that it is made and removed with the system); empty without one. */
    synchronized List<Path> cgroupDirs() {
        return cgroup == null ? List.of() : cgroup.dirs();
    }
}
