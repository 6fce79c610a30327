package io.hcs4j.shim.task;

import io.hcs4j.cow.Container;
import io.hcs4j.schema.Json;
import io.hcs4j.schema.oci.LinuxResources;
import io.hcs4j.schema.oci.WindowsResources;
import io.hcs4j.schema.v2.ModifySettingRequest;
import io.hcs4j.uvm.VmHosted;
import io.hcs4j.shim.runtime.wcow.WcowUpdates;
import io.hcs4j.uvm.VmUpdate;
import io.hcs4j.schema.v1.ProcessListItem;
import io.hcs4j.schema.guest.Metrics;
import io.hcs4j.schema.v2.PropertyType;
import io.hcs4j.shim.api.events.TaskExecAdded;
import io.hcs4j.shim.api.events.TaskOOM;
import io.hcs4j.shim.api.events.TaskPaused;
import io.hcs4j.shim.api.events.TaskResumed;
import io.hcs4j.shim.api.task.DeleteResponse;
import io.hcs4j.shim.api.task.PidsResponse;
import io.hcs4j.shim.api.task.StateResponse;
import io.hcs4j.shim.api.task.WaitResponse;
import io.hcs4j.shim.api.types.ProcessInfo;
import io.hcs4j.shim.api.types.Status;
import io.hcs4j.shim.events.EventPublisher;
import io.hcs4j.shim.events.Topics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A container served by this shim: its cow container, its init process and execs, each with its own
 * {@link ProcessState}. Every operation looks the process up and asks its state, under this object's lock;
 * events are queued at each transition, so they leave in containerd's order.
 */
final class Task {
    private static final Logger log = LoggerFactory.getLogger(Task.class);

    final String id;
    final Path bundle;
    final Container container;
    final EventPublisher events;
    final String namespace;
    final TaskProcess init;
    private final Map<String, TaskProcess> execs = new LinkedHashMap<>();
    /** The OOM kills of the container's memory cgroup already published as /tasks/oom. */
    private long oomKillsReported;

    Task(String id, Path bundle, Container container, EventPublisher events, String namespace,
            io.hcs4j.schema.oci.Process initSpec, String stdin, String stdout, String stderr, boolean terminal) {
        this.id = id;
        this.bundle = bundle;
        this.container = container;
        this.events = events;
        this.namespace = namespace;
        this.init = new TaskProcess(this, "", initSpec, stdin, stdout, stderr, terminal);
    }

    synchronized int start(String execId) throws IOException {
        TaskProcess p = process(execId);
        p.state.start(p);
        return p.pid;
    }

    /** Called once per process when its exit is known: records it; the init's exit ends the execs too. */
    void exited(TaskProcess p, int code) {
        List<TaskProcess> orphans = new ArrayList<>();
        synchronized (this) {
            p.state.exited(p, code);
            if (p.isInit()) {
                // Execs live in the container: they go when its init process goes.
                for (TaskProcess e : execs.values()) {
                    if (e.state == ProcessState.RUNNING) {
                        orphans.add(e);
                    }
                }
            }
        }
        p.release();
        for (TaskProcess e : orphans) {
            e.killAfterInitExit();
        }
    }

    /**
     * Publishes /tasks/oom when the container's memory cgroup counts OOM kills not yet reported. The reference GCS
     * sends no OOM notification (its container notifications are exits only, and hcsshim's host takes any
     * notification for an exit); its statistics carry the cgroup's oom_kill counter (v1 memory.oom_control, v2
     * memory.events). The caller reads it when a process ends by SIGKILL or the init process ends, before that
     * exit is published: containerd's order. Windows containers have no such counter: HCS reports no OOM.
     */
    void reportOom() {
        if (container.os().equals("windows")) {
            return;
        }
        long kills;
        try {
            Metrics m = container.propertiesV2(PropertyType.STATISTICS).metrics;
            if (m == null || m.memoryOomControl == null) {
                return;
            }
            kills = m.memoryOomControl.oomKill;
        } catch (IOException | RuntimeException e) {
            log.debug("task {}: no statistics for the OOM check: {}", id, e.toString());
            return;
        }
        synchronized (this) {
            if (Long.compareUnsigned(kills, oomKillsReported) <= 0) {
                return;
            }
            oomKillsReported = kills;
        }
        log.info("task {}: OOM kill in its memory cgroup ({} so far)", id, kills);
        events.publish(Topics.TASK_OOM, TaskOOM.newBuilder().setContainerId(id).build());
    }

    /** Adds an exec, to be started by Start. */
    void exec(String execId, io.hcs4j.schema.oci.Process spec, String stdin, String stdout, String stderr,
            boolean terminal) {
        synchronized (this) {
            if (execs.containsKey(execId)) {
                throw TaskException.alreadyExists("exec " + execId + " already exists in task " + id);
            }
            if (!init.state.runsExecs()) {
                throw TaskException.precondition("cannot exec in task " + id + ": it is " + init.state.describe());
            }
            execs.put(execId, new TaskProcess(this, execId, spec, stdin, stdout, stderr, terminal));
        }
        events.publish(Topics.TASK_EXEC_ADDED, TaskExecAdded.newBuilder().setContainerId(id).setExecId(execId).build());
    }

    /** Signals one process, or with {@code all} every running process of the task. */
    synchronized void kill(String execId, int signal, boolean all) throws IOException {
        TaskProcess p = process(execId);
        if (!all || !p.isInit()) {
            p.state.kill(p, signal);
            return;
        }
        boolean any = false;
        for (TaskProcess e : execs.values()) {
            any |= e.state.signalIfRunning(e, signal);
        }
        any |= p.state.signalIfRunning(p, signal);
        if (p.state == ProcessState.CREATED) {
            p.state.kill(p, signal); // never started: the kill ends it, as killing a container's paused init would
        } else if (!any) {
            throw TaskException.notFound("no running process in task " + id);
        }
    }

    /**
     * Deletes an exec, or makes the init process ready for the task's removal (the caller then closes the
     * container): what Delete answers.
     */
    synchronized DeleteResponse delete(String execId) {
        TaskProcess p = process(execId);
        p.state.delete(p);
        if (!p.isInit()) {
            execs.remove(execId);
        }
        return DeleteResponse.newBuilder().setPid(p.pid).setExitStatus(p.exitStatus)
                .setExitedAt(Tasks.timestamp(p.exitedAt)).build();
    }

    synchronized void pause() throws IOException {
        init.state.pause(init);
        events.publish(Topics.TASK_PAUSED, TaskPaused.newBuilder().setContainerId(id).build());
    }

    synchronized void resume() throws IOException {
        init.state.resume(init);
        events.publish(Topics.TASK_RESUMED, TaskResumed.newBuilder().setContainerId(id).build());
    }

    synchronized StateResponse state(String execId) {
        TaskProcess p = process(execId);
        // A paused task's running execs are frozen with it.
        Status status = p.state == ProcessState.RUNNING && init.state == ProcessState.PAUSED ? Status.PAUSED
                : p.state.status();
        StateResponse.Builder b = StateResponse.newBuilder()
                .setId(p.isInit() ? id : p.execId)
                .setBundle(bundle.toString())
                .setPid(p.pid)
                .setStatus(status)
                .setStdin(p.stdin).setStdout(p.stdout).setStderr(p.stderr)
                .setTerminal(p.terminal)
                .setExitStatus(p.exitStatus)
                .setExecId(p.execId);
        if (p.exitedAt != null) {
            b.setExitedAt(Tasks.timestamp(p.exitedAt));
        }
        return b.build();
    }

    /** Each exec's id and state ("created", "running", "paused", "stopped"), in the order they were added. */
    synchronized Map<String, String> execStates() {
        Map<String, String> states = new LinkedHashMap<>();
        execs.forEach((execId, e) -> states.put(execId, e.state.describe()));
        return states;
    }

    int initPid() {
        synchronized (this) {
            return init.pid;
        }
    }

    PidsResponse pids(WireTypes wire) throws IOException {
        Map<Integer, String> execByPid = new HashMap<>();
        synchronized (this) {
            for (TaskProcess e : execs.values()) {
                if (e.state == ProcessState.RUNNING) {
                    execByPid.put(e.pid, e.execId);
                }
            }
        }
        PidsResponse.Builder b = PidsResponse.newBuilder();
        for (ProcessListItem s : processes(container)) {
            int pid = (int) s.processId;
            b.addProcesses(ProcessInfo.newBuilder().setPid(pid)
                    .setInfo(wire.processDetails(s, execByPid.getOrDefault(pid, ""))));
        }
        return b.build();
    }

    /** The container's processes (init, execs and their children), from the ProcessList property. */
    static List<ProcessListItem> processes(Container container) throws IOException {
        List<ProcessListItem> list = container.properties(io.hcs4j.schema.v1.PropertyType.PROCESS_LIST).processList;
        return list == null ? List.of() : list;
    }

    /** The type URLs containerd gives the OCI resources in an update (typeurl's names for runtime-spec's types). */
    static final String LINUX_RESOURCES_URL = "types.containerd.io/opencontainers/runtime-spec/1/LinuxResources";
    static final String WINDOWS_RESOURCES_URL = "types.containerd.io/opencontainers/runtime-spec/1/WindowsResources";
    /** hcsshim's errNotSupportedResourcesRequest. */
    private static final String NOT_RESOURCES = "update resources must be of type *WindowsResources or *LinuxResources";

    /**
     * An update as hcsshim's hcsTask.Update decides it, by the resources' type URL: anything but Linux or Windows
     * resources is refused; a task that owns its utility VM updates the VM (either type, as hcsshim); otherwise a
     * Windows container takes WindowsResources as HCS modify requests ({@link WcowUpdates}) and a Linux container
     * LinuxResources as its new constraints, and the other type is refused with hcsshim's error for it.
     */
    void update(String typeUrl, byte[] resourcesJson) throws IOException {
        boolean linux = typeUrl.equals(LINUX_RESOURCES_URL);
        if (!linux && !typeUrl.equals(WINDOWS_RESOURCES_URL)) {
            throw TaskException.unknown(NOT_RESOURCES);
        }
        if (container instanceof VmHosted hosted && hosted.ownsUtilityVm()) {
            VmUpdate update = linux ? VmUpdate.of(parse(resourcesJson, LinuxResources.class))
                    : VmUpdate.of(parse(resourcesJson, WindowsResources.class));
            try {
                hosted.utilityVm().update(update);
            } catch (IOException e) {
                throw new IOException("updating the utility VM of " + id + ": " + e.getMessage(), e);
            }
            return;
        }
        if (container.os().equals("windows")) {
            if (linux) {
                throw TaskException.unknown(NOT_RESOURCES);
            }
            List<ModifySettingRequest> requests;
            try {
                requests = WcowUpdates.requests(parse(resourcesJson, WindowsResources.class),
                        Runtime.getRuntime().availableProcessors());
            } catch (IllegalArgumentException e) {
                throw TaskException.invalid("updating resources of " + id + ": " + e.getMessage());
            } catch (UnsupportedOperationException e) {
                throw TaskException.unimplemented("updating resources of " + id + ": " + e.getMessage());
            }
            for (ModifySettingRequest r : requests) {
                modify(r);
            }
            return;
        }
        if (!linux) {
            throw TaskException.unknown(
                    "must have resources be non-nil and type *LinuxResources when updating a lcow container");
        }
        modify(parse(resourcesJson, LinuxResources.class));
    }

    private static <T> T parse(byte[] json, Class<T> type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (IOException e) {
            throw TaskException.invalid("resources are not valid OCI " + type.getSimpleName() + ": " + e.getMessage());
        }
    }

    private void modify(Object request) throws IOException {
        try {
            container.modify(request);
        } catch (UnsupportedOperationException e) {
            throw new TaskException(TaskException.Kind.UNIMPLEMENTED, "updating resources of " + id + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IOException("updating " + id + ": " + e.getMessage(), e);
        }
    }

    synchronized void resizePty(String execId, int width, int height) throws IOException {
        TaskProcess p = process(execId);
        if (!p.terminal) {
            throw TaskException.precondition(p.describe() + " has no terminal");
        }
        try {
            p.state.resizeConsole(p, width, height);
        } catch (IOException e) {
            throw new IOException("resizing console: " + e.getMessage(), e);
        }
    }

    synchronized void closeIo(String execId, boolean stdin) {
        TaskProcess p = process(execId);
        if (stdin) {
            p.state.closeStdin(p);
        }
    }

    /** Completes when the process has exited (at once if it already has). */
    CompletableFuture<WaitResponse> await(String execId) {
        TaskProcess p;
        synchronized (this) {
            p = process(execId);
        }
        return p.exited.thenApply(v -> {
            synchronized (this) {
                WaitResponse.Builder b = WaitResponse.newBuilder().setExitStatus(p.exitStatus);
                if (p.exitedAt != null) {
                    b.setExitedAt(Tasks.timestamp(p.exitedAt));
                }
                return b.build();
            }
        });
    }

    /** Ends every process and releases the container (rootfs, VM membership); throws what could not be cleaned. */
    void close() throws IOException {
        container.close();
    }

    private TaskProcess process(String execId) {
        if (execId.isEmpty()) {
            return init;
        }
        TaskProcess p = execs.get(execId);
        if (p == null) {
            throw TaskException.notFound("exec " + execId + " not found in task " + id);
        }
        return p;
    }
}
