package io.hcs4j.shim.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hcs4j.platform.ChannelConnection;
import io.hcs4j.shim.api.runhcs.Options;
import io.hcs4j.shim.api.task.CheckpointTaskRequest;
import io.hcs4j.shim.api.task.ConnectRequest;
import io.hcs4j.shim.api.task.CreateTaskRequest;
import io.hcs4j.shim.api.task.DeleteRequest;
import io.hcs4j.shim.api.task.ShutdownRequest;
import io.hcs4j.shim.api.task.StartRequest;
import io.hcs4j.shim.api.task.StateRequest;
import io.hcs4j.shim.api.task.TaskGrpc;
import io.hcs4j.shim.api.task.WaitRequest;
import io.hcs4j.shim.api.task.WaitResponse;
import io.hcs4j.shim.ttrpc.TtrpcClient;
import io.hcs4j.shim.ttrpc.TtrpcServer;
import io.hcs4j.shim.ttrpc.transport.UnixSocketListener;
import io.grpc.Status;
import io.grpc.StatusException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The Task service over ttrpc, the way containerd drives it: Wait outstanding while Start and State arrive. */
@Timeout(60)
class TaskServiceTtrpcTest {
    private static final Duration T = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void runRemoveSequenceOverOneConnection() throws Exception {
        Path bundle = Files.createDirectories(dir.resolve("b"));
        Files.writeString(bundle.resolve("config.json"),
                "{\"process\":{\"args\":[\"sh\",\"-c\",\"sleep 0.3; exit 5\"]},\"root\":{\"path\":\"rootfs\"}}");
        RecordingPublisher events = new RecordingPublisher();
        Tasks tasks = new Tasks(new Backends(new LocalProcessBackend(), null), events, "ns", Options.getDefaultInstance(),
                WireTypes.LINUX);
        CountDownLatch shutdown = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (TtrpcServer server = new TtrpcServer(List.of(new TaskService(tasks, shutdown::countDown).bindService()))) {
            UnixSocketListener listener = UnixSocketListener.bind(dir.resolve("shim.sock"));
            server.start(listener);
            try (TtrpcClient c = new TtrpcClient(ChannelConnection.connect(listener.path()))) {
                c.call(TaskGrpc.getCreateMethod(), CreateTaskRequest.newBuilder().setId("t").setBundle(bundle.toString()).build(), T, Map.of());
                assertEquals("hcs4j 0.1.0", c.call(TaskGrpc.getConnectMethod(), ConnectRequest.newBuilder().setId("t").build(), T, Map.of()).getVersion());
                Future<WaitResponse> wait = pool.submit(() ->
                        c.call(TaskGrpc.getWaitMethod(), WaitRequest.newBuilder().setId("t").build(), Duration.ofSeconds(30), Map.of()));
                int pid = c.call(TaskGrpc.getStartMethod(), StartRequest.newBuilder().setId("t").build(), T, Map.of()).getPid();
                assertEquals(pid, c.call(TaskGrpc.getStateMethod(), StateRequest.newBuilder().setId("t").build(), T, Map.of()).getPid());
                assertEquals(5, wait.get(30, TimeUnit.SECONDS).getExitStatus());
                StatusException e = assertThrows(StatusException.class, () -> c.call(TaskGrpc.getCheckpointMethod(),
                        CheckpointTaskRequest.newBuilder().setId("t").build(), T, Map.of()));
                assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode());
                assertEquals(5, c.call(TaskGrpc.getDeleteMethod(), DeleteRequest.newBuilder().setId("t").build(), T, Map.of()).getExitStatus());
                c.call(TaskGrpc.getShutdownMethod(), ShutdownRequest.newBuilder().setId("t").build(), T, Map.of());
                assertTrue(shutdown.await(10, TimeUnit.SECONDS), "shutdown requested once no task is left");
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
            tasks.closeAll();
        }
        assertEquals(List.of("/tasks/create", "/tasks/start", "/tasks/exit", "/tasks/delete"), events.topics());
    }
}
