package io.hcs4j.shim.task;

import io.grpc.stub.StreamObserver;
import io.hcs4j.cow.Process;
import io.hcs4j.schema.v2.ProcessParameters;
import io.hcs4j.shim.api.diag.ExecProcessRequest;
import io.hcs4j.shim.api.diag.ExecProcessResponse;
import io.hcs4j.shim.api.diag.PidRequest;
import io.hcs4j.shim.api.diag.PidResponse;
import io.hcs4j.shim.api.diag.ShareRequest;
import io.hcs4j.shim.api.diag.ShareResponse;
import io.hcs4j.shim.api.diag.ShimDiagGrpc;
import io.hcs4j.shim.api.diag.StacksRequest;
import io.hcs4j.shim.api.diag.StacksResponse;
import io.hcs4j.shim.api.diag.TasksRequest;
import io.hcs4j.shim.api.diag.TasksResponse;
import io.hcs4j.shim.stdio.UpstreamIo;
import io.hcs4j.uvm.UtilityVm;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * containerd.runhcs.v1.diag.ShimDiag, served beside the Task service on the same address, as hcsshim's shim serves
 * it: the shim's pid, its tasks and execs, its threads' stacks with the guest's, and a process or a share in the
 * utility VM of the task the shim was started for (a pod's sandbox). Failures map to gRPC codes as the Task
 * service's do.
 */
public final class ShimDiagService extends ShimDiagGrpc.ShimDiagImplBase {
    private static final Logger log = LoggerFactory.getLogger(ShimDiagService.class);
    /** How long an exec's output may keep flowing after it exited. */
    private static final long DRAIN_SECONDS = 5;

    private final Tasks tasks;
    private final String shimTaskId;

    /** @param shimTaskId the id the shim was started with (containerd's -id): the task whose VM exec and share use */
    public ShimDiagService(Tasks tasks, String shimTaskId) {
        this.tasks = tasks;
        this.shimTaskId = shimTaskId;
    }

    @Override
    public void diagPid(PidRequest r, StreamObserver<PidResponse> out) {
        TaskService.unary("DiagPid", out, () -> PidResponse.newBuilder().setPid((int) ProcessHandle.current().pid()).build());
    }

    @Override
    public void diagTasks(TasksRequest r, StreamObserver<TasksResponse> out) {
        TaskService.unary("DiagTasks", out, () -> TasksResponse.newBuilder().addAllTasks(tasks.describe(r.getExecs())).build());
    }

    /** The shim's threads (a JVM thread dump) and, where the task has a utility VM, its guest's DumpStacks. */
    @Override
    public void diagStacks(StacksRequest r, StreamObserver<StacksResponse> out) {
        TaskService.unary("DiagStacks", out, () -> {
            StacksResponse.Builder b = StacksResponse.newBuilder().setStacks(threadDump());
            UtilityVm vm = vmOrNull();
            if (vm != null) {
                b.setGuestStacks(vm.guest().dumpStacks());
            }
            return b.build();
        });
    }

    /** Runs a process in the utility VM with the client's stdio (FIFOs or files), and answers its exit code. */
    @Override
    public void diagExecInHost(ExecProcessRequest r, StreamObserver<ExecProcessResponse> out) {
        TaskService.unary("DiagExecInHost", out, () -> {
            if (r.getArgsCount() == 0) {
                throw TaskException.invalid("an exec needs a program to run");
            }
            ProcessParameters p = new ProcessParameters();
            p.commandArgs = r.getArgsList();
            p.workingDirectory = r.getWorkdir();
            p.emulateConsole = r.getTerminal();
            p.createStdInPipe = !r.getStdin().isEmpty();
            p.createStdOutPipe = !r.getStdout().isEmpty();
            p.createStdErrPipe = !r.getStderr().isEmpty() && !r.getTerminal();
            UtilityVm vm = tasks.utilityVm(shimTaskId);
            Process process = vm.createProcess(p);
            log.info("shimdiag exec in {}: {} (pid {})", vm.id(), r.getArgsList(), process.pid());
            try (Process closing = process) {
                UpstreamIo io = UpstreamIo.connect("shimdiag-" + process.pid(), process, r.getStdin(), r.getStdout(),
                        r.getStderr(), new UpstreamIo.LoggerLaunch(shimTaskId, tasks.namespace()));
                try {
                    int code = process.exit().get();
                    io.drained().get(DRAIN_SECONDS, TimeUnit.SECONDS);
                    return ExecProcessResponse.newBuilder().setExitCode(code).build();
                } finally {
                    io.close();
                }
            } catch (ExecutionException e) {
                throw new IOException("shimdiag exec " + r.getArgsList() + ": " + e.getCause().getMessage(), e.getCause());
            }
        });
    }

    /** Shares a host directory into the utility VM (a Plan9 share for a Linux guest), until the VM goes. */
    @Override
    public void diagShare(ShareRequest r, StreamObserver<ShareResponse> out) {
        TaskService.unary("DiagShare", out, () -> {
            if (r.getHostPath().isEmpty() || r.getUvmPath().isEmpty()) {
                throw TaskException.invalid("a share needs a host path and a path in the utility VM");
            }
            UtilityVm vm = tasks.utilityVm(shimTaskId);
            vm.addPlan9(r.getHostPath(), r.getUvmPath(), r.getReadOnly());
            log.info("shimdiag share of {} at {} in {}", r.getHostPath(), r.getUvmPath(), vm.id());
            return ShareResponse.getDefaultInstance();
        });
    }

    private UtilityVm vmOrNull() {
        try {
            return tasks.utilityVm(shimTaskId);
        } catch (TaskException noVm) {
            return null;
        }
    }

    /** Every thread of the shim with its state, locks and stack, as jstack prints them. */
    public static String threadDump() {
        StringBuilder dump = new StringBuilder();
        for (ThreadInfo t : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            dump.append('"').append(t.getThreadName()).append("\" #").append(t.getThreadId()).append(' ')
                    .append(t.getThreadState());
            if (t.getLockName() != null) {
                dump.append(" on ").append(t.getLockName());
            }
            dump.append('\n');
            for (StackTraceElement frame : t.getStackTrace()) {
                dump.append("\tat ").append(frame).append('\n');
            }
            dump.append('\n');
        }
        return dump.toString();
    }
}
