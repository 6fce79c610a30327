package io.hcs4j.shim.task;

import io.hcs4j.shim.api.types.Status;
import io.hcs4j.cow.Process;
import io.hcs4j.shim.stdio.UpstreamIo;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * One process of a task (the init process or an exec) and its state: CREATED until started, RUNNING,
 * then STOPPED with an exit status once it exited and its output was drained. Guarded by its task's lock.
 */
final class TaskProcess {
    final String containerId;
    final String execId;          // "" for the init process
    /** The OCI process, its terminal flag as the request set it. */
    final io.hcs4j.schema.oci.Process spec;
    final String stdin;
    final String stdout;
    final String stderr;
    final boolean terminal;
    /** Completes after the exit is recorded and its event queued: what Wait returns on. */
    final CompletableFuture<Void> exited = new CompletableFuture<>();

    Status state = Status.CREATED;
    Process process;
    UpstreamIo io;
    int pid;
    int exitStatus;
    Instant exitedAt;

    TaskProcess(String containerId, String execId, io.hcs4j.schema.oci.Process spec, String stdin, String stdout, String stderr,
            boolean terminal) {
        this.containerId = containerId;
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
        return isInit() ? containerId : execId;
    }

    String describe() {
        return isInit() ? "task " + containerId : "exec " + execId + " of task " + containerId;
    }
}
