package io.hcs4j.shim.task;

import io.hcs4j.cow.Process;
import io.hcs4j.cow.SignalOptions;
import io.hcs4j.shim.api.events.TaskExecStarted;
import io.hcs4j.shim.api.events.TaskExit;
import io.hcs4j.shim.api.events.TaskStart;
import io.hcs4j.shim.events.Topics;
import io.hcs4j.shim.stdio.UpstreamIo;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One process of a task (the init process or an exec): what containerd asked for, its {@link ProcessState},
 * and what the transitions record (the cow process and its stdio once started, the exit once stopped).
 * Guarded by its task's lock.
 */
final class TaskProcess {
    private static final Logger log = LoggerFactory.getLogger(TaskProcess.class);
    /** After a process exits, how long its output may keep flowing (a child holding stdout) before exit is reported. */
    private static final long DRAIN_TIMEOUT_SECONDS = 5;
    /**
     * How long the output of a process that was killed or has exited may wait for its reader before the rest is
     * discarded: a guest reports the exit only once the output has been taken, so a reader that went away
     * would otherwise keep the process RUNNING for good.
     */
    private static final Duration OUTPUT_GRACE = Duration.ofSeconds(2);
    private static final int SIGKILL = 9;
    /** The exit status of a process ended by SIGKILL (128 + 9). */
    private static final int KILLED_STATUS = 137;

    final Task task;
    final String execId;          // "" for the init process
    /** The OCI process, its terminal flag as the request set it. */
    final io.hcs4j.schema.oci.Process spec;
    final String stdin;
    final String stdout;
    final String stderr;
    final boolean terminal;
    /** Completes after the exit is recorded and its event queued: what Wait returns on. */
    final CompletableFuture<Void> exited = new CompletableFuture<>();

    ProcessState state = ProcessState.CREATED;
    Process process;
    UpstreamIo io;
    int pid;
    int exitStatus;
    Instant exitedAt;

    TaskProcess(Task task, String execId, io.hcs4j.schema.oci.Process spec, String stdin, String stdout, String stderr,
            boolean terminal) {
        this.task = task;
        this.execId = execId;
        this.spec = spec;
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
        this.terminal = terminal;
    }

    boolean isInit() {
        return execId.isEmpty();
    }

    /** The id containerd's events use for this process: the exec id, or the container id for init. */
    String eventId() {
        return isInit() ? task.id : execId;
    }

    String describe() {
        return isInit() ? "task " + task.id : "exec " + execId + " of task " + task.id;
    }

    /** Creates the process on the container (starting the container first for init) and connects its stdio. */
    void launch() throws IOException {
        if (!isInit() && !task.init.state.runsExecs()) {
            throw TaskException.precondition("cannot start " + describe() + ": the task is " + task.init.state.describe());
        }
        Process started;
        try {
            if (isInit()) {
                task.container.start();
            }
            started = task.container.createProcess(ProcessLaunch.parameters(task.container, spec, isInit(),
                    !stdin.isEmpty(), !stdout.isEmpty(), !stderr.isEmpty()));
        } catch (IOException | RuntimeException e) {
            throw new IOException("starting " + describe() + " failed: " + e.getMessage(), e);
        }
        try {
            io = UpstreamIo.connect(eventId(), started, stdin, stdout, stderr,
                    new UpstreamIo.LoggerLaunch(task.id, task.namespace));
        } catch (IOException e) {
            killQuietly(started);
            closeQuietly(started);
            throw new IOException("connecting stdio of " + describe() + ": " + e.getMessage(), e);
        }
        process = started;
        pid = started.pid();
    }

    /** Queues the start event and reports the exit once the process has ended and its output drained. */
    void watchExit() {
        if (isInit()) {
            task.events.publish(Topics.TASK_START, TaskStart.newBuilder().setContainerId(task.id).setPid(pid).build());
        } else {
            task.events.publish(Topics.TASK_EXEC_STARTED, TaskExecStarted.newBuilder().setContainerId(task.id)
                    .setExecId(execId).setPid(pid).build());
        }
        UpstreamIo drained = io;
        process.exit().thenCompose(code -> {
                    drained.dropOutputAfter(OUTPUT_GRACE);
                    return drained.drained()
                        .completeOnTimeout(null, DRAIN_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                        .thenApply(v -> code);
                })
                .whenComplete((code, error) -> {
                    int status = error == null ? code : 255;
                    if (isInit() || status == KILLED_STATUS) {
                        task.reportOom(); // an OOM kill is a SIGKILL: its event goes before the exit's
                    }
                    task.exited(this, status);
                });
    }

    /** Sends a Linux signal, mapped for the container's OS; false when the process had already exited. */
    boolean signal(int signal) throws IOException {
        SignalOptions options;
        try {
            options = SignalOptions.of(signal, task.container.os());
        } catch (UnsupportedOperationException e) {
            throw TaskException.invalid(describe() + ": " + e.getMessage());
        }
        try {
            boolean delivered = process.signal(options);
            if (signal == SIGKILL || !delivered) {
                io.dropOutputAfter(OUTPUT_GRACE); // killed, or gone with its exit not yet reported
            }
            return delivered;
        } catch (IOException e) {
            throw new IOException("signal " + signal + " to " + describe() + ": " + e.getMessage(), e);
        }
    }

    /** Records the exit and queues its event; Wait returns. */
    void recordExit(int code) {
        exitStatus = code;
        exitedAt = Instant.now();
        log.info("{} exited with status {}", describe(), code);
        task.events.publish(Topics.TASK_EXIT, TaskExit.newBuilder().setContainerId(task.id).setId(eventId())
                .setPid(pid).setExitStatus(code).setExitedAt(Tasks.timestamp(exitedAt)).build());
        exited.complete(null);
    }

    /** A process deleted before it ran: no exit event, status 0. */
    void recordDeletedBeforeStart() {
        exitedAt = Instant.now();
        exited.complete(null);
    }

    /** Releases the stdio and the cow process of a process that has exited. */
    void release() {
        io.close();
        closeQuietly(process);
    }

    /** Kills an exec whose container's init has exited; its output may not hold back its exit. */
    void killAfterInitExit() {
        killQuietly(process);
        io.dropOutputAfter(OUTPUT_GRACE);
    }

    static void killQuietly(Process p) {
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
}
