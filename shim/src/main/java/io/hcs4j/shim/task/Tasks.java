package io.hcs4j.shim.task;

import com.google.protobuf.Any;
import com.google.protobuf.Timestamp;
import io.hcs4j.cow.Container;
import io.hcs4j.shim.api.events.TaskCreate;
import io.hcs4j.shim.api.events.TaskDelete;
import io.hcs4j.shim.api.events.TaskExit;
import io.hcs4j.shim.api.events.TaskIO;
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
import io.hcs4j.shim.events.EventPublisher;
import io.hcs4j.shim.events.Topics;
import io.hcs4j.shim.runtime.ContainerBackend;
import io.hcs4j.shim.runtime.ContainerSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry behind the Task service: the tasks this shim serves, by id. Create makes a {@link Task} (its
 * container through the backend the spec selects); Delete of the init process removes it; every other
 * request goes to the task, whose processes' {@link ProcessState}s allow or refuse it. Events are queued at
 * each transition in containerd's order (create, start, exec-added, exec-started, exit, delete; paused,
 * resumed). Ids, the bundle path and stdio paths are checked first ({@link Identifiers}), before a backend is
 * asked for anything. Refusals are {@link TaskException}s; the Task service maps them (and the platform's errors)
 * to gRPC codes.
 */
public final class Tasks {
    private static final Logger log = LoggerFactory.getLogger(Tasks.class);

    private final Map<String, Task> tasks = new ConcurrentHashMap<>();
    private final Backends backends;
    private final EventPublisher events;
    private final String namespace;
    private final Options defaultOptions;
    private final WireTypes wire;
    /** The shim pool size a Create's annotations set ({@link ShimPoolSize}), or null when none did. */
    private volatile Integer shimPoolSize;

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

    /** The shim pool size this pod's annotations set, or null when they set none. */
    public Integer shimPoolSize() {
        return shimPoolSize;
    }

    public boolean isEmpty() {
        return tasks.isEmpty();
    }

    /** The tasks and, with {@code execs}, each one's execs and their states: what shimdiag's {@code tasks} shows. */
    public List<io.hcs4j.shim.api.diag.Task> describe(boolean execs) {
        List<io.hcs4j.shim.api.diag.Task> all = new ArrayList<>();
        for (Task t : tasks.values()) {
            io.hcs4j.shim.api.diag.Task.Builder b = io.hcs4j.shim.api.diag.Task.newBuilder().setId(t.id);
            if (execs) {
                t.execStates().forEach((id, state) -> b.addExecs(
                        io.hcs4j.shim.api.diag.Exec.newBuilder().setId(id).setState(state)));
            }
            all.add(b.build());
        }
        return all;
    }

    /** The utility VM task {@code id} runs in; FailedPrecondition for a task that has none (process isolation). */
    public io.hcs4j.uvm.UtilityVm utilityVm(String id) {
        if (task(id).container instanceof io.hcs4j.uvm.VmHosted hosted) {
            return hosted.utilityVm();
        }
        throw TaskException.precondition("task " + id + " is not isolated: it has no utility VM");
    }

    public String namespace() {
        return namespace;
    }

    public int initPid(String id) {
        Task t = tasks.get(id);
        return t == null ? 0 : t.initPid();
    }

    public synchronized CreateTaskResponse create(CreateTaskRequest r) throws IOException {
        Identifiers.validate("task id", r.getId());
        Path bundle = Identifiers.bundle(r.getBundle());
        stdio(r.getStdin(), r.getStdout(), r.getStderr());
        if (!r.getCheckpoint().isEmpty()) {
            throw TaskException.unimplemented("restoring from a checkpoint: HCS save/restore is not exposed through the runhcs shim");
        }
        if (tasks.containsKey(r.getId())) {
            throw TaskException.alreadyExists("task " + r.getId() + " already exists");
        }
        OciSpec spec = OciSpec.readBundle(bundle);
        Options options = options(r.getOptions());
        ContainerBackend backend = backends.select(spec, options);
        Map<String, String> annotations = RuntimeOptions.annotations(spec.annotations(), options);
        Integer poolSize = ShimPoolSize.fromAnnotations(annotations);
        List<ContainerSpec.Layer> layers = new ArrayList<>();
        for (Mount m : r.getRootfsList()) {
            layers.add(new ContainerSpec.Layer(m.getType(), m.getSource(), m.getOptionsList()));
        }
        io.hcs4j.schema.oci.Process ps = withTerminal(spec.process(), r.getTerminal());
        Container container;
        try {
            container = backend.create(new ContainerSpec(r.getId(), bundle, layers, bundle.resolve(spec.rootPath()),
                    spec.readonlyRoot(), annotations));
        } catch (IllegalArgumentException e) {
            throw TaskException.invalid("creating " + r.getId() + " on the " + backend.name() + " path: " + e.getMessage());
        } catch (IllegalStateException e) {
            throw TaskException.precondition("creating " + r.getId() + " on the " + backend.name() + " path: "
                    + e.getMessage());
        } catch (UnsupportedOperationException e) {
            throw TaskException.unimplemented("creating " + r.getId() + " on the " + backend.name() + " path: " + e.getMessage());
        } catch (IOException e) {
            throw new IOException("creating " + r.getId() + " on the " + backend.name()
                    + " path failed: " + e.getMessage(), e);
        }
        if (poolSize != null) {
            shimPoolSize = poolSize;
        }
        tasks.put(r.getId(), new Task(r.getId(), bundle, container, events, namespace, ps, r.getStdin(), r.getStdout(),
                r.getStderr(), r.getTerminal()));
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

    private static void stdio(String stdin, String stdout, String stderr) {
        Identifiers.noNul("stdin", stdin);
        Identifiers.noNul("stdout", stdout);
        Identifiers.noNul("stderr", stderr);
    }

    private Options options(Any any) {
        return RuntimeOptions.of(any, defaultOptions);
    }

    /** The request's terminal flag decides, not the spec's. */
    private static io.hcs4j.schema.oci.Process withTerminal(io.hcs4j.schema.oci.Process p, boolean terminal) {
        p.terminal = terminal;
        return p;
    }

    public int start(String id, String execId) throws IOException {
        return task(id).start(execId);
    }

    /**
     * Deletes an exec, or the task once its init process is not running: its container is closed. The task is gone
     * either way; what its container's teardown could not clean up is Delete's error (a retry finds no task).
     */
    public DeleteResponse delete(String id, String execId) throws IOException {
        Task t = task(id);
        DeleteResponse response = t.delete(execId);
        if (execId.isEmpty() && tasks.remove(id, t)) {
            IOException teardown = null;
            try {
                t.close();
            } catch (IOException e) {
                teardown = e;
            }
            log.info("deleted task {}", id);
            events.publish(Topics.TASK_DELETE, TaskDelete.newBuilder().setContainerId(id).setPid(response.getPid())
                    .setExitStatus(response.getExitStatus()).setExitedAt(response.getExitedAt()).setId(id).build());
            if (teardown != null) {
                throw new IOException("task " + id + " is deleted, but its container was not cleaned up: "
                        + teardown.getMessage(), teardown);
            }
        }
        return response;
    }

    public void exec(ExecProcessRequest r) {
        Identifiers.validate("exec id", r.getExecId());
        stdio(r.getStdin(), r.getStdout(), r.getStderr());
        Task t = task(r.getId());
        io.hcs4j.schema.oci.Process spec = withTerminal(OciSpec.parseProcess(r.getSpec().getValue().toByteArray()),
                r.getTerminal());
        t.exec(r.getExecId(), spec, r.getStdin(), r.getStdout(), r.getStderr(), r.getTerminal());
    }

    public void kill(KillRequest r) throws IOException {
        task(r.getId()).kill(r.getExecId(), r.getSignal() == 0 ? 9 : r.getSignal(), r.getAll());
    }

    public StateResponse state(String id, String execId) {
        return task(id).state(execId);
    }

    public PidsResponse pids(String id) throws IOException {
        return task(id).pids(wire);
    }

    public void pause(String id) throws IOException {
        task(id).pause();
    }

    public void resume(String id) throws IOException {
        task(id).resume();
    }

    public StatsResponse stats(String id) throws IOException {
        Task t = task(id);
        return StatsResponse.newBuilder().setStats(wire.stats(t.container)).build();
    }

    public void update(UpdateTaskRequest r) throws IOException {
        Task t = task(r.getId());
        if (!r.hasResources() || r.getResources().getValue().isEmpty()) {
            return; // annotations only: nothing on the platform to change
        }
        t.update(r.getResources().getTypeUrl(), r.getResources().getValue().toByteArray());
    }

    public void resizePty(String id, String execId, int width, int height) throws IOException {
        task(id).resizePty(execId, width, height);
    }

    public void closeIo(String id, String execId, boolean stdin) {
        task(id).closeIo(execId, stdin);
    }

    /** Completes when the process has exited (at once if it already has). */
    public CompletableFuture<WaitResponse> await(String id, String execId) {
        return task(id).await(execId);
    }

    /** Kills everything (Shutdown with now, or the shim going away): processes and rootfs. */
    public void closeAll() {
        for (Task t : tasks.values()) {
            try {
                t.close();
            } catch (IOException e) {
                log.warn("closing task {}: {}", t.id, e.getMessage());
            }
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

    static Timestamp timestamp(Instant i) {
        Instant at = i == null ? Instant.EPOCH : i;
        return Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()).build();
    }
}
