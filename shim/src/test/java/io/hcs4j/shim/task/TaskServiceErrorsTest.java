package io.hcs4j.shim.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status.Code;
import io.grpc.StatusException;
import io.hcs4j.cow.Container;
import io.hcs4j.hcs.HcsErrorKind;
import io.hcs4j.hcs.HcsException;
import io.hcs4j.hcs.HcsService;
import io.hcs4j.hcs.raw.HResults;
import io.hcs4j.platform.ChannelConnection;
import io.hcs4j.schema.guest.RPCProc;
import io.hcs4j.shim.api.runhcs.Options;
import io.hcs4j.shim.api.task.CreateTaskRequest;
import io.hcs4j.shim.api.task.DeleteRequest;
import io.hcs4j.shim.api.task.StartRequest;
import io.hcs4j.shim.api.task.StateRequest;
import io.hcs4j.shim.api.task.TaskGrpc;
import io.hcs4j.shim.runtime.ContainerBackend;
import io.hcs4j.shim.runtime.ContainerSpec;
import io.hcs4j.shim.ttrpc.TtrpcClient;
import io.hcs4j.shim.ttrpc.TtrpcServer;

import io.hcs4j.shim.ttrpc.transport.UnixSocketListener;
import io.hcs4j.uvm.bridge.BridgeClosedException;
import io.hcs4j.uvm.bridge.GcsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each error kind reaches a containerd-style ttrpc client with its gRPC code: the shim's own refusals, HCS
 * error kinds (one a real not-found from the HCS backend), the guest's HRESULTs, timeouts and lost guests.
 */
@Timeout(60)
class TaskServiceErrorsTest {
    private static final Duration T = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    /** What the backend's next create fails with; null runs the local test backend. */
    private volatile Failure failure;
    private Tasks tasks;
    private TtrpcServer server;
    private TtrpcClient client;
    private Path bundle;

    private interface Failure {
        Container fail(ContainerSpec spec) throws IOException;
    }

    @BeforeEach
    void serve() throws IOException {
        bundle = Files.createDirectories(dir.resolve("b"));
        Files.writeString(bundle.resolve("config.json"),
                "{\"process\":{\"args\":[\"sleep\",\"30\"]},\"root\":{\"path\":\"rootfs\"}}");
        LocalProcessBackend local = new LocalProcessBackend();
        ContainerBackend backend = new ContainerBackend() {
            @Override
            public String name() {
                return "failing";
            }

            @Override
            public Container create(ContainerSpec spec) throws IOException {
                Failure f = failure;
                return f == null ? local.create(spec) : f.fail(spec);
            }
        };
        tasks = new Tasks(new Backends(backend, null), new RecordingPublisher(), "ns", Options.getDefaultInstance(),
                WireTypes.LINUX);
        server = new TtrpcServer(List.of(new TaskService(tasks, () -> { }).bindService()));
        UnixSocketListener listener = UnixSocketListener.bind(dir.resolve("shim.sock"));
        server.start(listener);
        client = new TtrpcClient(ChannelConnection.connect(listener.path()));
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
        tasks.closeAll();
    }

    private StatusException createFailing(String id) {
        return assertThrows(StatusException.class, () -> client.call(TaskGrpc.getCreateMethod(),
                CreateTaskRequest.newBuilder().setId(id).setBundle(bundle.toString()).build(), T, Map.of()));
    }

    private Code createFailsWith(Failure f) {
        failure = f;
        return createFailing("failing").getStatus().getCode();
    }

    private static HcsException hcs(int hresult) {
        return new HcsException("HcsCreateComputeSystem", hresult, null);
    }

    @Test
    void theShimsOwnRefusals() throws Exception {
        assertEquals(Code.NOT_FOUND, assertThrows(StatusException.class, () -> client.call(TaskGrpc.getStateMethod(),
                StateRequest.newBuilder().setId("nope").build(), T, Map.of())).getStatus().getCode());
        client.call(TaskGrpc.getCreateMethod(), CreateTaskRequest.newBuilder().setId("t").setBundle(bundle.toString()).build(),
                T, Map.of());
        assertEquals(Code.ALREADY_EXISTS, createFailing("t").getStatus().getCode());
        client.call(TaskGrpc.getStartMethod(), StartRequest.newBuilder().setId("t").build(), T, Map.of());
        StatusException twice = assertThrows(StatusException.class, () -> client.call(TaskGrpc.getStartMethod(),
                StartRequest.newBuilder().setId("t").build(), T, Map.of()));
        assertEquals(Code.FAILED_PRECONDITION, twice.getStatus().getCode());
        assertEquals("task t is already running", twice.getStatus().getDescription());
        assertEquals(Code.INVALID_ARGUMENT, assertThrows(StatusException.class, () -> client.call(TaskGrpc.getCreateMethod(),
                CreateTaskRequest.newBuilder().setId("x").setBundle(dir.resolve("missing").toString()).build(), T, Map.of()))
                .getStatus().getCode());
        assertEquals(Code.UNIMPLEMENTED, createFailsWith(spec -> {
            throw new UnsupportedOperationException("not on this path");
        }));
    }

    @Test
    void hcsNotFoundFromTheBackend() {
        failure = spec -> {
            HcsService.open().openComputeSystem("no-such-system-" + spec.id()).close();
            throw new AssertionError("opened a compute system that does not exist");
        };
        StatusException e = createFailing("t");
        assertEquals(Code.NOT_FOUND, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains("SYSTEM_NOT_FOUND"), e.getStatus().getDescription());
    }

    @Test
    void hcsErrorKinds() {
        assertEquals(Code.NOT_FOUND, createFailsWith(spec -> {
            throw hcs(HResults.V1_SYSTEM_NOT_FOUND);
        }));
        assertEquals(Code.ALREADY_EXISTS, createFailsWith(spec -> {
            throw hcs(HResults.HCS_E_SYSTEM_ALREADY_EXISTS);
        }));
        assertEquals(Code.FAILED_PRECONDITION, createFailsWith(spec -> {
            throw hcs(HResults.HCS_E_INVALID_STATE);
        }));
        assertEquals(Code.INVALID_ARGUMENT, createFailsWith(spec -> {
            throw hcs(HResults.HCS_E_INVALID_JSON);
        }));
        assertEquals(Code.UNIMPLEMENTED, createFailsWith(spec -> {
            throw hcs(HResults.E_NOT_SUPPORTED);
        }));
        assertEquals(Code.DEADLINE_EXCEEDED, createFailsWith(spec -> {
            throw hcs(HResults.HCS_E_OPERATION_TIMEOUT);
        }));
        assertEquals(Code.UNAVAILABLE, createFailsWith(spec -> {
            throw new HcsException("HcsStartComputeSystem", HcsErrorKind.SERVICE_DISCONNECT, "vmcompute restarted");
        }));
        assertEquals(Code.INTERNAL, createFailsWith(spec -> {
            throw hcs(HResults.E_FAIL);
        }));
        // Wait fails through a future: its wrapper is looked through.
        io.grpc.Status wrapped = GrpcErrors.toStatus(new CompletionException(hcs(HResults.HCS_E_SYSTEM_NOT_FOUND)));
        assertEquals(Code.NOT_FOUND, wrapped.getCode());
        assertTrue(wrapped.getDescription().startsWith("HcsCreateComputeSystem: SYSTEM_NOT_FOUND"), wrapped.getDescription());
    }

    @Test
    void guestErrorsTimeoutsAndALostGuest() {
        assertEquals(Code.NOT_FOUND, createFailsWith(spec -> {
            throw new GcsException(RPCProc.RPC_CREATE, spec.id(), HResults.V1_SYSTEM_NOT_FOUND, "no such container");
        }));
        assertEquals(Code.UNIMPLEMENTED, createFailsWith(spec -> {
            throw new GcsException(RPCProc.RPC_UPDATE_CONTAINER, spec.id(), HResults.E_NOTIMPL, "not implemented");
        }));
        assertEquals(Code.DEADLINE_EXCEEDED, createFailsWith(spec -> {
            throw new IOException("the guest did not answer", new TimeoutException("30 s"));
        }));
        assertEquals(Code.UNAVAILABLE, createFailsWith(spec -> {
            throw new BridgeClosedException("the guest exited", null);
        }));
        assertEquals(Code.INTERNAL, createFailsWith(spec -> {
            throw new IOException("disk full");
        }));
    }

    @Test
    void whatATeardownCouldNotCleanIsDeletesErrorAndTheTaskIsGone() throws Exception {
        failure = spec -> {
            LocalProcessBackend.LocalContainer c = (LocalProcessBackend.LocalContainer) new LocalProcessBackend().create(spec);
            c.closeFailure = new IOException("container " + spec.id() + ": delete the guest's state: ",
                    new GcsException(RPCProc.RPC_DELETE_CONTAINER_STATE, spec.id(), HResults.E_FAIL,
                            "unlinkat /run/gcs/c/" + spec.id() + ": directory not empty"));
            return c;
        };
        client.call(TaskGrpc.getCreateMethod(), CreateTaskRequest.newBuilder().setId("stuck").setBundle(bundle.toString())
                .build(), T, Map.of());
        StatusException e = assertThrows(StatusException.class, () -> client.call(TaskGrpc.getDeleteMethod(),
                DeleteRequest.newBuilder().setId("stuck").build(), T, Map.of()));
        assertEquals(Code.INTERNAL, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().startsWith("task stuck is deleted, but its container was not cleaned up: "
                + "container stuck: delete the guest's state"), e.getStatus().getDescription());
        // containerd's retry of Delete finds no task and goes on with its own cleanup.
        assertEquals(Code.NOT_FOUND, assertThrows(StatusException.class, () -> client.call(TaskGrpc.getDeleteMethod(),
                DeleteRequest.newBuilder().setId("stuck").build(), T, Map.of())).getStatus().getCode());
    }
}
