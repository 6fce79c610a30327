package io.hcs4j.shim.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status.Code;
import io.grpc.StatusException;
import io.hcs4j.platform.ChannelConnection;
import io.hcs4j.shim.api.diag.ExecProcessRequest;
import io.hcs4j.shim.api.diag.PidRequest;
import io.hcs4j.shim.api.diag.ShareRequest;
import io.hcs4j.shim.api.diag.ShimDiagGrpc;
import io.hcs4j.shim.api.diag.StacksRequest;
import io.hcs4j.shim.api.diag.StacksResponse;
import io.hcs4j.shim.api.diag.TasksRequest;
import io.hcs4j.shim.api.diag.TasksResponse;
import io.hcs4j.shim.api.runhcs.Options;
import io.hcs4j.shim.api.task.CreateTaskRequest;
import io.hcs4j.shim.api.task.ExecProcessRequest.Builder;
import io.hcs4j.shim.api.task.StartRequest;
import io.hcs4j.shim.api.task.TaskGrpc;
import io.hcs4j.shim.ttrpc.TtrpcClient;
import io.hcs4j.shim.ttrpc.TtrpcServer;
import io.hcs4j.shim.ttrpc.transport.UnixSocketListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ShimDiag service on the Task service's ttrpc address, over real processes without a utility VM (the VM's
 * exec, share and guest stacks are covered end to end by e2e-ops.sh).
 */
@Timeout(60)
class ShimDiagServiceTest {
    private static final Duration T = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private Tasks tasks;
    private TtrpcServer server;
    private TtrpcClient client;

    @BeforeEach
    void serve() throws Exception {
        Path bundle = Files.createDirectories(dir.resolve("b"));
        Files.writeString(bundle.resolve("config.json"),
                "{\"process\":{\"args\":[\"sleep\",\"30\"]},\"root\":{\"path\":\"rootfs\"}}");
        tasks = new Tasks(new Backends(new LocalProcessBackend(), null), new RecordingPublisher(), "ns",
                Options.getDefaultInstance(), WireTypes.LINUX);
        server = new TtrpcServer(List.of(new TaskService(tasks, () -> { }).bindService(),
                new ShimDiagService(tasks, "t").bindService()));
        UnixSocketListener listener = UnixSocketListener.bind(dir.resolve("shim.sock"));
        server.start(listener);
        client = new TtrpcClient(ChannelConnection.connect(listener.path()));
        client.call(TaskGrpc.getCreateMethod(), CreateTaskRequest.newBuilder().setId("t").setBundle(bundle.toString()).build(),
                T, Map.of());
        client.call(TaskGrpc.getStartMethod(), StartRequest.newBuilder().setId("t").build(), T, Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
        tasks.closeAll();
    }

    @Test
    void pidIsTheShimsOwn() throws Exception {
        assertEquals(ProcessHandle.current().pid(),
                client.call(ShimDiagGrpc.getDiagPidMethod(), PidRequest.getDefaultInstance(), T, Map.of()).getPid());
    }

    @Test
    void tasksWithTheirExecsAndStates() throws Exception {
        Builder exec = io.hcs4j.shim.api.task.ExecProcessRequest.newBuilder().setId("t").setExecId("e1")
                .setSpec(com.google.protobuf.Any.newBuilder().setValue(com.google.protobuf.ByteString.copyFromUtf8(
                        "{\"args\":[\"sleep\",\"30\"],\"cwd\":\"/\"}")));
        client.call(TaskGrpc.getExecMethod(), exec.build(), T, Map.of());
        TasksResponse plain = client.call(ShimDiagGrpc.getDiagTasksMethod(), TasksRequest.getDefaultInstance(), T, Map.of());
        assertEquals("t", plain.getTasks(0).getId());
        assertEquals(0, plain.getTasks(0).getExecsCount(), "execs only when asked");
        TasksResponse withExecs = client.call(ShimDiagGrpc.getDiagTasksMethod(),
                TasksRequest.newBuilder().setExecs(true).build(), T, Map.of());
        assertEquals("e1", withExecs.getTasks(0).getExecs(0).getId());
        assertEquals("created", withExecs.getTasks(0).getExecs(0).getState());
    }

    @Test
    void stacksAreTheShimsThreadsWhileServing() throws Exception {
        StacksResponse s = client.call(ShimDiagGrpc.getDiagStacksMethod(), StacksRequest.getDefaultInstance(), T, Map.of());
        assertTrue(s.getStacks().contains("io.hcs4j.shim.task.ShimDiagService.diagStacks"), "the serving worker's stack");
        assertTrue(s.getStacks().contains("\"main\""), s.getStacks());
        assertEquals("", s.getGuestStacks(), "no utility VM, no guest");
    }

    @Test
    void execAndShareNeedAUtilityVm() {
        StatusException exec = assertThrows(StatusException.class, () -> client.call(ShimDiagGrpc.getDiagExecInHostMethod(),
                ExecProcessRequest.newBuilder().addArgs("true").build(), T, Map.of()));
        assertEquals(Code.FAILED_PRECONDITION, exec.getStatus().getCode());
        assertTrue(exec.getStatus().getDescription().contains("task t is not isolated"), exec.getStatus().getDescription());
        assertEquals(Code.INVALID_ARGUMENT, assertThrows(StatusException.class, () -> client.call(
                ShimDiagGrpc.getDiagExecInHostMethod(), ExecProcessRequest.getDefaultInstance(), T, Map.of()))
                .getStatus().getCode());
        assertEquals(Code.INVALID_ARGUMENT, assertThrows(StatusException.class, () -> client.call(
                ShimDiagGrpc.getDiagShareMethod(), ShareRequest.newBuilder().setHostPath("/tmp").build(), T, Map.of()))
                .getStatus().getCode());
        assertEquals(Code.FAILED_PRECONDITION, assertThrows(StatusException.class, () -> client.call(
                ShimDiagGrpc.getDiagShareMethod(), ShareRequest.newBuilder().setHostPath("/tmp").setUvmPath("/x").build(),
                T, Map.of())).getStatus().getCode());
    }
}
