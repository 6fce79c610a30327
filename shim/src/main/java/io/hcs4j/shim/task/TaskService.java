package io.hcs4j.shim.task;

import com.google.protobuf.Empty;
import io.hcs4j.shim.api.task.CheckpointTaskRequest;
import io.hcs4j.shim.api.task.CloseIORequest;
import io.hcs4j.shim.api.task.ConnectRequest;
import io.hcs4j.shim.api.task.ConnectResponse;
import io.hcs4j.shim.api.task.CreateTaskRequest;
import io.hcs4j.shim.api.task.CreateTaskResponse;
import io.hcs4j.shim.api.task.DeleteRequest;
import io.hcs4j.shim.api.task.DeleteResponse;
import io.hcs4j.shim.api.task.ExecProcessRequest;
import io.hcs4j.shim.api.task.KillRequest;
import io.hcs4j.shim.api.task.PauseRequest;
import io.hcs4j.shim.api.task.PidsRequest;
import io.hcs4j.shim.api.task.PidsResponse;
import io.hcs4j.shim.api.task.ResizePtyRequest;
import io.hcs4j.shim.api.task.ResumeRequest;
import io.hcs4j.shim.api.task.ShutdownRequest;
import io.hcs4j.shim.api.task.StartRequest;
import io.hcs4j.shim.api.task.StartResponse;
import io.hcs4j.shim.api.task.StateRequest;
import io.hcs4j.shim.api.task.StateResponse;
import io.hcs4j.shim.api.task.StatsRequest;
import io.hcs4j.shim.api.task.StatsResponse;
import io.hcs4j.shim.api.task.TaskGrpc;
import io.hcs4j.shim.api.task.UpdateTaskRequest;
import io.hcs4j.shim.api.task.WaitRequest;
import io.hcs4j.shim.api.task.WaitResponse;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * containerd.task.v2.Task as a grpc-java service: each RPC is one call into {@link Tasks}; what it throws
 * becomes a status here, once, through {@link GrpcErrors#toStatus}. Served over ttrpc by
 * {@link io.hcs4j.shim.ttrpc.TtrpcServer} (and by any gRPC server).
 */
public final class TaskService extends TaskGrpc.TaskImplBase {
    private static final Logger log = LoggerFactory.getLogger(TaskService.class);
    public static final String VERSION = "hcs4j 0.1.0";

    private final Tasks tasks;
    private final Runnable shutdown;

    /** @param shutdown run once when the shim should exit (Shutdown with no tasks left, or now) */
    public TaskService(Tasks tasks, Runnable shutdown) {
        this.tasks = tasks;
        this.shutdown = shutdown;
    }

    /** A handler: it throws, and {@link #unary} turns the failure into a status. */
    interface Call<T> {
        T get() throws Exception;
    }

    private interface Action {
        void run() throws Exception;
    }

    static <T> void unary(String rpc, StreamObserver<T> out, Call<T> call) {
        T result;
        try {
            result = call.get();
        } catch (Exception e) {
            out.onError(failure(rpc, e));
            return;
        }
        out.onNext(result);
        out.onCompleted();
    }

    private static StatusRuntimeException failure(String rpc, Throwable error) {
        Status status = GrpcErrors.toStatus(error);
        if (status.getCode() == Status.Code.INTERNAL) {
            log.error("{} failed", rpc, error);
        } else {
            log.debug("{} failed: {}", rpc, status);
        }
        return status.asRuntimeException();
    }

    private static void empty(String rpc, StreamObserver<Empty> out, Action call) {
        unary(rpc, out, () -> {
            call.run();
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void state(StateRequest r, StreamObserver<StateResponse> out) {
        unary("State", out, () -> tasks.state(r.getId(), r.getExecId()));
    }

    @Override
    public void create(CreateTaskRequest r, StreamObserver<CreateTaskResponse> out) {
        unary("Create", out, () -> tasks.create(r));
    }

    @Override
    public void start(StartRequest r, StreamObserver<StartResponse> out) {
        unary("Start", out, () -> StartResponse.newBuilder().setPid(tasks.start(r.getId(), r.getExecId())).build());
    }

    @Override
    public void delete(DeleteRequest r, StreamObserver<DeleteResponse> out) {
        unary("Delete", out, () -> tasks.delete(r.getId(), r.getExecId()));
    }

    @Override
    public void pids(PidsRequest r, StreamObserver<PidsResponse> out) {
        unary("Pids", out, () -> tasks.pids(r.getId()));
    }

    @Override
    public void pause(PauseRequest r, StreamObserver<Empty> out) {
        empty("Pause", out, () -> tasks.pause(r.getId()));
    }

    @Override
    public void resume(ResumeRequest r, StreamObserver<Empty> out) {
        empty("Resume", out, () -> tasks.resume(r.getId()));
    }

    @Override
    public void checkpoint(CheckpointTaskRequest r, StreamObserver<Empty> out) {
        empty("Checkpoint", out, () -> {
            throw TaskException.unimplemented("checkpoint: HCS save/restore is not exposed through the runhcs shim");
        });
    }

    @Override
    public void kill(KillRequest r, StreamObserver<Empty> out) {
        empty("Kill", out, () -> tasks.kill(r));
    }

    @Override
    public void exec(ExecProcessRequest r, StreamObserver<Empty> out) {
        empty("Exec", out, () -> tasks.exec(r));
    }

    @Override
    public void resizePty(ResizePtyRequest r, StreamObserver<Empty> out) {
        empty("ResizePty", out, () -> tasks.resizePty(r.getId(), r.getExecId(), r.getWidth(), r.getHeight()));
    }

    @Override
    public void closeIO(CloseIORequest r, StreamObserver<Empty> out) {
        empty("CloseIO", out, () -> tasks.closeIo(r.getId(), r.getExecId(), r.getStdin()));
    }

    @Override
    public void update(UpdateTaskRequest r, StreamObserver<Empty> out) {
        empty("Update", out, () -> tasks.update(r));
    }

    @Override
    public void stats(StatsRequest r, StreamObserver<StatsResponse> out) {
        unary("Stats", out, () -> tasks.stats(r.getId()));
    }

    @Override
    public void connect(ConnectRequest r, StreamObserver<ConnectResponse> out) {
        unary("Connect", out, () -> ConnectResponse.newBuilder()
                .setShimPid((int) ProcessHandle.current().pid())
                .setTaskPid(tasks.initPid(r.getId()))
                .setVersion(VERSION)
                .build());
    }

    /** Wait answers when the process exits, without holding a thread; a cancelled call just stops waiting. */
    @Override
    public void wait(WaitRequest r, StreamObserver<WaitResponse> out) {
        try {
            Context ctx = Context.current();
            tasks.await(r.getId(), r.getExecId()).whenComplete((resp, error) -> {
                if (ctx.isCancelled()) {
                    return;
                }
                if (error != null) {
                    out.onError(failure("Wait", error));
                } else {
                    out.onNext(resp);
                    out.onCompleted();
                }
            });
        } catch (RuntimeException e) {
            out.onError(failure("Wait", e));
        }
    }

    @Override
    public void shutdown(ShutdownRequest r, StreamObserver<Empty> out) {
        // A pod's shim serves several tasks: it exits only when the last one is gone (or when told now).
        boolean exit = r.getNow() || tasks.isEmpty();
        out.onNext(Empty.getDefaultInstance());
        out.onCompleted();
        if (exit) {
            shutdown.run();
        }
    }
}
