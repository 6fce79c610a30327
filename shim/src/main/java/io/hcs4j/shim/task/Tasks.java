package io.hcs4j.shim.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import io.hcs4j.cow.Container;
import io.hcs4j.cow.Process;
import io.hcs4j.cow.SignalOptions;
import io.hcs4j.schema.Json;
import io.hcs4j.schema.v1.ProcessListItem;
import io.hcs4j.shim.api.events.TaskCreate;
import io.hcs4j.shim.api.events.TaskDelete;
import io.hcs4j.shim.api.events.TaskExecAdded;
import io.hcs4j.shim.api.events.TaskExecStarted;
import io.hcs4j.shim.api.events.TaskExit;
import io.hcs4j.shim.api.events.TaskIO;
import io.hcs4j.shim.api.events.TaskPaused;
import io.hcs4j.shim.api.events.TaskResumed;
import io.hcs4j.shim.api.events.TaskStart;
import io.hcs4j.shim.api.runhcs.Options;
import io.hcs4j.shim.api.task.CreateTaskRequest;
import io.hcs4j.shim.api.task.CreateTaskResponse;
import io.hcs4j.shim.api.task.DeleteResponse;
import io.hcs4j.shim.api.task.ExecProcessRequest;
import io.hcs4j.shim.api.task.KillRequest;
import io.hcs4j.shim.api.task.PidsResponse;
import io.hcs4j.shim.api.task.StateResponse;
import io.hcs4j.shim.api.task.StatsResponse;
import io.hcs4j.shim.api.task.UpdateTaskRequest;
import io.hcs4j.shim.api.task.WaitResponse;
import io.hcs4j.shim.api.types.Mount;
import io.hcs4j.shim.api.types.ProcessInfo;
import io.hcs4j.shim.api.types.Status;
import io.hcs4j.shim.events.EventPublisher;
import io.hcs4j.shim.events.Topics;
import io.hcs4j.shim.runtime.ContainerBackend;
import io.hcs4j.shim.runtime.ContainerSpec;
import io.hcs4j.shim.stdio.UpstreamIo;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task state machine behind the Task service: tasks (containers) and their processes, moved through
 * CREATED → RUNNING → (PAUSED ⇄ RUNNING) → STOPPED → deleted, with an event queued at each transition in
 * containerd's order (create, start, exec-added, exec-started, exit, delete). Refusals are
 * {@link TaskException}s; the Task service maps them (and the platform's errors) to gRPC codes.
 */
public final class Tasks {
    private static final Logger log = LoggerFactory.getLogger(Tasks.class);
    /** After a process exits, how long its output may keep flowing (a child holding stdout) before exit is reported. */
    private static final long DRAIN_TIMEOUT_SECONDS = 5;
    private static final String OPTIONS_TYPE = "containerd.runhcs.v1.Options";

    private final Map<String, Task> tasks = new ConcurrentHashMap<>();
    private final Backends backends;
    private final EventPublisher events;
    private final String namespace;
    private final Options defaultOptions;
    private final WireTypes wire;

    public Tasks(Backends backends, EventPublisher events, String namespace, Options defaultOptions) {
        this(backends, events, namespace, defaultOptions, WireTypes.fromEnvironment());
    }

    Tasks(Backends backends, EventPublisher events, String namespace, Options defaultOptions, WireTypes wire) {
        this.backends = backends;
        this.events = events;
        this.namespace = namespace;
        this.defaultOptions = defaultOptions;
        this.wire = wire;
    }

    /**
     * Loads what the first Create and its events need (JSON, protobuf descriptors, the platform path) while
     * containerd is still connecting. Runs on its own thread; a failure here only costs the head start.
     */
    public void warmUp() {
        try {
            OciSpec.parse("{\"process\":{\"args\":[\"true\"]},\"root\":{\"path\":\"rootfs\"}}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            TaskCreate.newBuilder().setContainerId("warm-up").setIo(TaskIO.getDefaultInstance()).build().toByteArray();
            io.hcs4j.shim.events.TtrpcEventPublisher.pack(TaskExit.getDefaultInstance());
            backends.warmUp();
        } catch (RuntimeException e) {
            log.debug("warm-up failed: {}", e.toString());
        }
    }

    public boolean isEmpty() {
        return tasks.isEmpty();
    }

    public int initPid(String id) {
        Task t = tasks.get(id);
        return t == null ? 0 : t.init.pid;
    }

    public synchronized CreateTaskResponse create(CreateTaskRequest r) throws IOException {
        if (r.getId().isEmpty()) {
            throw TaskException.invalid("task id must not be empty");
        }
        if (!r.getCheckpoint().isEmpty()) {
            throw TaskException.unimplemented("restoring from a checkpoint: HCS save/restore is not exposed through the runhcs shim");
        }
        if (tasks.containsKey(r.getId())) {
            throw TaskException.alreadyExists("task " + r.getId() + " already exists");
        }
        Path bundle = Path.of(r.getBundle());
        OciSpec spec = OciSpec.readBundle(bundle);
        ContainerBackend backend = backends.select(spec, options(r.getOptions()));
        List<ContainerSpec.Layer> layers = new ArrayList<>();
        for (Mount m : r.getRootfsList()) {
            layers.add(new ContainerSpec.Layer(m.getType(), m.getSource(), m.getOptionsList()));
        }
        io.hcs4j.schema.oci.Process ps = withTerminal(spec.process(), r.getTerminal());
        Container container;
        try {
            container = backend.create(new ContainerSpec(r.getId(), bundle, layers, bundle.resolve(spec.rootPath()),
                    spec.readonlyRoot(), spec.annotations()));
        } catch (UnsupportedOperationException e) {
            throw TaskException.unimplemented("creating " + r.getId() + " on the " + backend.name() + " path: " + e.getMessage());
        } catch (IOException e) {
            throw new IOException("creating " + r.getId() + " on the " + backend.name()
                    + " path failed: " + e.getMessage(), e);
        }
        TaskProcess init = new TaskProcess(r.getId(), "", ps, r.getStdin(), r.getStdout(), r.getStderr(), r.getTerminal());
        tasks.put(r.getId(), new Task(r.getId(), bundle, spec, container, init));
        log.info("created task {} ({} path, {} rootfs mounts)", r.getId(), backend.name(), layers.size());
        events.publish(Topics.TASK_CREATE, TaskCreate.newBuilder()
                .setContainerId(r.getId())
                .setBundle(r.getBundle())
                .addAllRootfs(r.getRootfsList())
                .setIo(TaskIO.newBuilder().setStdin(r.getStdin()).setStdout(r.getStdout()).setStderr(r.getStderr())
                        .setTerminal(r.getTerminal()))
                .setCheckpoint(r.getCheckpoint())
                .build());
        return CreateTaskResponse.newBuilder().build();
    }

    private Options options(Any any) {
        if (any.getTypeUrl().isEmpty() || !any.getTypeUrl().endsWith(OPTIONS_TYPE)) {
            return defaultOptions;
        }
        try {
            return Options.parseFrom(any.getValue());
        } catch (InvalidProtocolBufferException e) {
            throw TaskException.invalid("runtime options are not a valid " + OPTIONS_TYPE + ": " + e.getMessage());
        }
    }

    /** The request's terminal flag decides, not the spec's. */
    private static io.hcs4j.schema.oci.Process withTerminal(io.hcs4j.schema.oci.Process p, boolean terminal) {
        p.terminal = terminal;
        return p;
    }

    public int start(String id, String execId) throws IOException {
        Task t = task(id);
        synchronized (t) {
            TaskProcess p = process(t, execId);
            if (p.state != Status.CREATED) {
                throw TaskException.precondition(p.describe() + " is already " + p.state.name().toLowerCase());
            }
            if (!p.isInit() && t.init.state != Status.RUNNING) {
                throw TaskException.precondition("cannot start " + p.describe() + ": the task is " + t.init.state.name().toLowerCase());
            }
            Process rp;
            try {
                if (p.isInit()) {
                    t.container.start();
                }
                rp = t.container.createProcess(ProcessLaunch.parameters(t.container, p.spec, p.isInit(),
                        !p.stdin.isEmpty(), !p.stdout.isEmpty(), !p.stderr.isEmpty()));
            } catch (IOException | RuntimeException e) {
                throw new IOException("starting " + p.describe() + " failed: " + e.getMessage(), e);
            }
            try {
                p.io = UpstreamIo.connect(p.eventId(), rp, p.stdin, p.stdout, p.stderr,
                        new UpstreamIo.LoggerLaunch(id, namespace));
            } catch (IOException e) {
                killQuietly(rp);
                closeQuietly(rp);
                throw new IOException("connecting stdio of " + p.describe() + ": " + e.getMessage(), e);
            }
            p.process = rp;
            p.pid = rp.pid();
            p.state = Status.RUNNING;
            if (p.isInit()) {
                events.publish(Topics.TASK_START, TaskStart.newBuilder().setContainerId(id).setPid(p.pid).build());
            } else {
                events.publish(Topics.TASK_EXEC_STARTED, TaskExecStarted.newBuilder().setContainerId(id)
                        .setExecId(execId).setPid(p.pid).build());
            }
            UpstreamIo io = p.io;
            rp.exit().thenCompose(code -> io.drained()
                            .completeOnTimeout(null, DRAIN_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                            .thenApply(v -> code))
                    .whenComplete((code, error) -> exited(t, p, error == null ? code : 255));
            return p.pid;
        }
    }

    private void exited(Task t, TaskProcess p, int code) {
        List<TaskProcess> orphans = new ArrayList<>();
        synchronized (t) {
            recordExit(t, p, code);
            if (p.isInit()) {
                // Execs live in the container: they go when its init process goes.
                for (TaskProcess e : t.execs.values()) {
                    if (e.state == Status.RUNNING) {
                        orphans.add(e);
                    }
                }
            }
        }
        p.io.close();
        closeQuietly(p.process);
        for (TaskProcess e : orphans) {
            killQuietly(e.process);
        }
    }

    private void recordExit(Task t, TaskProcess p, int code) {
        p.state = Status.STOPPED;
        p.exitStatus = code;
        p.exitedAt = Instant.now();
        log.info("{} exited with status {}", p.describe(), code);
        events.publish(Topics.TASK_EXIT, TaskExit.newBuilder().setContainerId(t.id).setId(p.eventId())
                .setPid(p.pid).setExitStatus(code).setExitedAt(timestamp(p.exitedAt)).build());
        p.exited.complete(null);
    }

    public DeleteResponse delete(String id, String execId) {
        Task t = task(id);
        TaskProcess p;
        synchronized (t) {
            p = process(t, execId);
            if (p.state == Status.RUNNING) {
                throw TaskException.precondition("cannot delete " + p.describe() + ": it is running");
            }
            if (p.state == Status.CREATED) {
                p.state = Status.STOPPED;
                p.exitedAt = Instant.now();
                p.exited.complete(null);
            }
            if (!p.isInit()) {
                t.execs.remove(execId);
                return deleteResponse(p);
            }
            tasks.remove(id);
        }
        closeQuietly(t.container);
        log.info("deleted task {}", id);
        events.publish(Topics.TASK_DELETE, TaskDelete.newBuilder().setContainerId(id).setPid(p.pid)
                .setExitStatus(p.exitStatus).setExitedAt(timestamp(p.exitedAt)).setId(id).build());
        return deleteResponse(p);
    }

    private static DeleteResponse deleteResponse(TaskProcess p) {
        return DeleteResponse.newBuilder().setPid(p.pid).setExitStatus(p.exitStatus).setExitedAt(timestamp(p.exitedAt)).build();
    }

    public void exec(ExecProcessRequest r) {
        if (r.getExecId().isEmpty()) {
            throw TaskException.invalid("exec id must not be empty");
        }
        Task t = task(r.getId());
        io.hcs4j.schema.oci.Process spec = withTerminal(OciSpec.parseProcess(r.getSpec().getValue().toByteArray()),
                r.getTerminal());
        synchronized (t) {
            if (t.execs.containsKey(r.getExecId())) {
                throw TaskException.alreadyExists("exec " + r.getExecId() + " already exists in task "
                        + t.id);
            }
            if (t.init.state != Status.RUNNING) {
                throw TaskException.precondition("cannot exec in task " + t.id + ": it is " + t.init.state.name().toLowerCase());
            }
            t.execs.put(r.getExecId(), new TaskProcess(t.id, r.getExecId(), spec, r.getStdin(), r.getStdout(),
                    r.getStderr(), r.getTerminal()));
        }
        events.publish(Topics.TASK_EXEC_ADDED, TaskExecAdded.newBuilder().setContainerId(t.id).setExecId(r.getExecId()).build());
    }

    public void kill(KillRequest r) throws IOException {
        Task t = task(r.getId());
        int signal = r.getSignal() == 0 ? 9 : r.getSignal();
        synchronized (t) {
            TaskProcess p = process(t, r.getExecId());
            if (r.getAll() && p.isInit()) {
                boolean any = false;
                for (TaskProcess e : t.execs.values()) {
                    if (e.state == Status.RUNNING) {
                        any |= signalOrFail(t, e, signal);
                    }
                }
                if (p.state == Status.RUNNING) {
                    any |= signalOrFail(t, p, signal);
                }
                if (!any && p.state != Status.CREATED) {
                    throw TaskException.notFound("no running process in task " + t.id);
                }
            }
            if (p.state == Status.CREATED) {
                // Never started: the kill ends it, as killing a container's paused init would.
                recordExit(t, p, 128 + signal);
                return;
            }
            if (r.getAll() && p.isInit()) {
                return;
            }
            if (p.state == Status.STOPPED || !signalOrFail(t, p, signal)) {
                throw TaskException.notFound(p.describe() + ": process already finished");
            }
        }
    }

    private static boolean signalOrFail(Task t, TaskProcess p, int signal) throws IOException {
        try {
            return p.process.signal(SignalOptions.of(signal, t.container.os()));
        } catch (UnsupportedOperationException e) {
            throw TaskException.invalid(p.describe() + ": " + e.getMessage());
        } catch (IOException e) {
            throw new IOException("signal " + signal + " to " + p.describe() + ": " + e.getMessage(), e);
        }
    }

    private static void killQuietly(Process p) {
        try {
            p.kill();
        } catch (IOException e) {
            log.warn("kill of pid {} failed: {}", p.pid(), e.getMessage());
        }
    }

    private static void closeQuietly(Process p) {
        try {
            p.close();
        } catch (IOException e) {
            log.debug("closing pid {}: {}", p.pid(), e.getMessage());
        }
    }

    private static void closeQuietly(Container c) {
        try {
            c.close();
        } catch (IOException e) {
            log.warn("closing container {}: {}", c.id(), e.getMessage());
        }
    }

    public StateResponse state(String id, String execId) {
        Task t = task(id);
        synchronized (t) {
            TaskProcess p = process(t, execId);
            Status status = p.state == Status.RUNNING && t.paused ? Status.PAUSED : p.state;
            StateResponse.Builder b = StateResponse.newBuilder()
                    .setId(p.isInit() ? id : p.execId)
                    .setBundle(t.bundle.toString())
                    .setPid(p.pid)
                    .setStatus(status)
                    .setStdin(p.stdin).setStdout(p.stdout).setStderr(p.stderr)
                    .setTerminal(p.terminal)
                    .setExitStatus(p.exitStatus)
                    .setExecId(p.execId);
            if (p.exitedAt != null) {
                b.setExitedAt(timestamp(p.exitedAt));
            }
            return b.build();
        }
    }

    public PidsResponse pids(String id) throws IOException {
        Task t = task(id);
        Map<Integer, String> execByPid = new HashMap<>();
        synchronized (t) {
            for (TaskProcess e : t.execs.values()) {
                if (e.state == Status.RUNNING) {
                    execByPid.put(e.pid, e.execId);
                }
            }
        }
        PidsResponse.Builder b = PidsResponse.newBuilder();
        for (ProcessListItem s : Usage.processes(t.container)) {
            int pid = (int) s.processId;
            b.addProcesses(ProcessInfo.newBuilder().setPid(pid)
                    .setInfo(wire.processDetails(s, execByPid.getOrDefault(pid, ""))));
        }
        return b.build();
    }

    public void pause(String id) throws IOException {
        Task t = task(id);
        synchronized (t) {
            if (t.init.state != Status.RUNNING || t.paused) {
                throw TaskException.precondition("cannot pause task " + id + ": it is " + state(id, "").getStatus().name().toLowerCase());
            }
            try {
                t.container.pause();
            } catch (UnsupportedOperationException e) {
                throw TaskException.unimplemented("pausing " + id + ": " + e.getMessage());
            } catch (IOException e) {
                throw new IOException("pausing " + id + ": " + e.getMessage(), e);
            }
            t.paused = true;
            events.publish(Topics.TASK_PAUSED, TaskPaused.newBuilder().setContainerId(id).build());
        }
    }

    public void resume(String id) throws IOException {
        Task t = task(id);
        synchronized (t) {
            if (!t.paused) {
                throw TaskException.precondition("cannot resume task " + id + ": it is not paused");
            }
            try {
                t.container.resume();
            } catch (UnsupportedOperationException e) {
                throw TaskException.unimplemented("resuming " + id + ": " + e.getMessage());
            } catch (IOException e) {
                throw new IOException("resuming " + id + ": " + e.getMessage(), e);
            }
            t.paused = false;
            events.publish(Topics.TASK_RESUMED, TaskResumed.newBuilder().setContainerId(id).build());
        }
    }

    public StatsResponse stats(String id) throws IOException {
        Task t = task(id);
        return StatsResponse.newBuilder().setStats(wire.stats(t.container.os(), Usage.of(t.container))).build();
    }

    public void update(UpdateTaskRequest r) throws IOException {
        Task t = task(r.getId());
        if (!r.hasResources() || r.getResources().getValue().isEmpty()) {
            return; // annotations only: nothing on the platform to change
        }
        try {
            update(t.container, r.getResources().getValue().toByteArray());
        } catch (UnsupportedOperationException e) {
            throw TaskException.unimplemented("updating resources of " + r.getId() + ": " + e.getMessage());
        } catch (IOException e) {
            throw new IOException("updating " + r.getId() + ": " + e.getMessage(), e);
        }
    }

    /** A Linux guest takes the OCI LinuxResources as an UpdateContainer; Windows containers are not wired yet. */
    private static void update(Container container, byte[] resourcesJson) throws IOException {
        if (container.os().equals("windows")) {
            throw new UnsupportedOperationException("updating a Windows container's resources is not wired to HCS yet");
        }
        JsonNode resources;
        try {
            resources = Json.mapper().readTree(resourcesJson);
        } catch (IOException e) {
            throw TaskException.invalid("resources are not valid JSON: " + e.getMessage());
        }
        container.modify(resources);
    }

    public void resizePty(String id, String execId, int width, int height) throws IOException {
        Task t = task(id);
        Process rp;
        synchronized (t) {
            TaskProcess p = process(t, execId);
            if (!p.terminal) {
                throw TaskException.precondition(p.describe() + " has no terminal");
            }
            if (p.state == Status.CREATED) {
                throw TaskException.precondition(p.describe() + " is not started");
            }
            if (p.state == Status.STOPPED) {
                return; // clients resize as the process exits: nothing left to resize
            }
            rp = p.process;
        }
        try {
            rp.resizeConsole(width, height);
        } catch (IOException e) {
            throw new IOException("resizing console: " + e.getMessage(), e);
        }
    }

    public void closeIo(String id, String execId, boolean stdin) {
        Task t = task(id);
        UpstreamIo io;
        synchronized (t) {
            io = process(t, execId).io;
        }
        if (stdin && io != null) {
            io.closeStdin();
        }
    }

    /** Completes when the process has exited (at once if it already has). */
    public CompletableFuture<WaitResponse> await(String id, String execId) {
        Task t = task(id);
        TaskProcess p;
        synchronized (t) {
            p = process(t, execId);
        }
        return p.exited.thenApply(v -> {
            synchronized (t) {
                WaitResponse.Builder b = WaitResponse.newBuilder().setExitStatus(p.exitStatus);
                if (p.exitedAt != null) {
                    b.setExitedAt(timestamp(p.exitedAt));
                }
                return b.build();
            }
        });
    }

    /** Kills everything (Shutdown with now, or the shim going away): processes and rootfs. */
    public void closeAll() {
        for (Task t : tasks.values()) {
            closeQuietly(t.container);
        }
        tasks.clear();
    }

    private Task task(String id) {
        Task t = tasks.get(id);
        if (t == null) {
            throw TaskException.notFound("task " + id + " not found");
        }
        return t;
    }

    private static TaskProcess process(Task t, String execId) {
        if (execId.isEmpty()) {
            return t.init;
        }
        TaskProcess p = t.execs.get(execId);
        if (p == null) {
            throw TaskException.notFound("exec " + execId + " not found in task " + t.id);
        }
        return p;
    }

    static Timestamp timestamp(Instant i) {
        Instant at = i == null ? Instant.EPOCH : i;
        return Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()).build();
    }
}
