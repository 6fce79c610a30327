package io.hcs4j.shim.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.Status.Code;
import io.grpc.StatusException;
import io.hcs4j.platform.ChannelConnection;
import io.hcs4j.shim.api.runhcs.Options;
import io.hcs4j.shim.api.task.CreateTaskRequest;
import io.hcs4j.shim.api.task.ExecProcessRequest;
import io.hcs4j.shim.api.task.TaskGrpc;
import io.hcs4j.shim.ttrpc.TtrpcClient;
import io.hcs4j.shim.ttrpc.TtrpcServer;
import io.hcs4j.shim.ttrpc.transport.UnixSocketListener;
import io.hcs4j.uvm.backend.HostBackend;
import java.io.IOException;
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
 * Issue 15 defect 4: ids and paths a hostile client sends over raw ttrpc are refused by the Task service with
 * InvalidArgument and a clear message, before anything runs: on the real Linux path (LCOW over the emulator) no
 * utility VM is created and no guest agent started.
 */
@Timeout(60)
class TaskServiceInputsTest {
    private static final Duration T = Duration.ofSeconds(10);
    private static final List<String> BAD_IDS = List.of("../../x", "/abs", "a\0b", "x".repeat(5000),
            "x:y,upperdir=/etc", ".hidden", "a..b", "-a", "a b", "x".repeat(77));

    @TempDir
    Path dir;
    private Tasks tasks;
    private TtrpcServer server;
    private TtrpcClient client;
    private Path bundle;
    private HostBackend host;
    private List<String> systemsBefore;

    @BeforeEach
    void serve() throws Exception {
        bundle = Files.createDirectories(dir.resolve("b"));
        Files.writeString(bundle.resolve("config.json"),
                "{\"process\":{\"args\":[\"true\"]},\"root\":{\"path\":\"rootfs\"},\"linux\":{}}");
        tasks = new Tasks(Backends.forThisHost(), new RecordingPublisher(), "ns", Options.getDefaultInstance(),
                WireTypes.LINUX);
        server = new TtrpcServer(List.of(new TaskService(tasks, () -> { }).bindService()));
        UnixSocketListener listener = UnixSocketListener.bind(dir.resolve("shim.sock"));
        server.start(listener);
        client = new TtrpcClient(ChannelConnection.connect(listener.path()));
        host = HostBackend.select();
        systemsBefore = systems();
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
        tasks.closeAll();
    }

    private List<String> systems() throws IOException {
        return host.hcs().enumerateComputeSystems(null, JsonNode.class).stream()
                .map(n -> n.path("Id").asText()).sorted().toList();
    }

    private StatusException refused(CreateTaskRequest r) {
        return assertThrows(StatusException.class, () -> client.call(TaskGrpc.getCreateMethod(), r, T, Map.of()));
    }

    private void nothingRan() throws IOException {
        assertEquals(systemsBefore, systems(), "no compute system (utility VM) was created");
        assertFalse(ProcessHandle.current().descendants().anyMatch(h -> h.info().commandLine().orElse("")
                .contains("GuestAgentMain")), "no guest agent was started");
        assertTrue(tasks.isEmpty());
    }

    @Test
    void badTaskIdsAreInvalidArgumentAndBootNothing() throws IOException {
        for (String id : BAD_IDS) {
            StatusException e = refused(CreateTaskRequest.newBuilder().setId(id).setBundle(bundle.toString()).build());
            assertEquals(Code.INVALID_ARGUMENT, e.getStatus().getCode(), id);
            String description = e.getStatus().getDescription();
            assertTrue(description.startsWith("task id \""), description);
            assertTrue(description.length() < 200 && !description.contains("\0"), description);
        }
        assertTrue(refused(CreateTaskRequest.newBuilder().setId("x".repeat(5000)).setBundle(bundle.toString()).build())
                .getStatus().getDescription().contains("is 5000 characters long: at most 76"));
        assertTrue(refused(CreateTaskRequest.newBuilder().setId("../../x").setBundle(bundle.toString()).build())
                .getStatus().getDescription().contains("must match " + Identifiers.RULE));
        nothingRan();
    }

    @Test
    void badBundlePathsAreInvalidArgumentAndBootNothing() throws IOException {
        assertEquals("bundle path \"" + bundle + "\\x00\" contains a NUL character",
                refused(CreateTaskRequest.newBuilder().setId("t1").setBundle(bundle + "\0").build()).getStatus()
                        .getDescription());
        StatusException relative = refused(CreateTaskRequest.newBuilder().setId("t1").setBundle("b").build());
        assertEquals(Code.INVALID_ARGUMENT, relative.getStatus().getCode());
        assertEquals("bundle path \"b\" must be absolute", relative.getStatus().getDescription());
        assertEquals(Code.INVALID_ARGUMENT, refused(CreateTaskRequest.newBuilder().setId("t1").build())
                .getStatus().getCode());
        StatusException stdout = refused(CreateTaskRequest.newBuilder().setId("t1").setBundle(bundle.toString())
                .setStdout("/run/x\0y").build());
        assertEquals(Code.INVALID_ARGUMENT, stdout.getStatus().getCode());
        assertTrue(stdout.getStatus().getDescription().startsWith("stdout \"/run/x\\x00y\""));
        nothingRan();
    }

    @Test
    void badExecIdsAreInvalidArgument() {
        for (String id : BAD_IDS) {
            StatusException e = assertThrows(StatusException.class, () -> client.call(TaskGrpc.getExecMethod(),
                    ExecProcessRequest.newBuilder().setId("t1").setExecId(id).build(), T, Map.of()));
            assertEquals(Code.INVALID_ARGUMENT, e.getStatus().getCode(), id);
            assertTrue(e.getStatus().getDescription().startsWith("exec id \""), e.getStatus().getDescription());
        }
    }

    @Test
    void containerdsOwnIdsAreAccepted() {
        for (String id : List.of("t", "my-task_1.2", "0123456789abcdef".repeat(4), "A".repeat(76), "e2e-exec-1")) {
            assertEquals(id, Identifiers.validate("task id", id));
        }
    }
}
