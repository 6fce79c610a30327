package io.hcs4j.uvm.bridge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.hcs.raw.HResults;
import io.hcs4j.schema.Json;
import io.hcs4j.schema.guest.ContainerExecuteProcessResponse;
import io.hcs4j.schema.guest.ContainerNotification;
import io.hcs4j.schema.guest.MsgType;
import io.hcs4j.schema.guest.RPCProc;
import io.hcs4j.schema.guest.RequestBase;
import io.hcs4j.schema.guest.ResponseBase;
import io.hcs4j.uvm.bridge.codec.BodyCodec;
import io.hcs4j.uvm.bridge.codec.FrameCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class GcsBridgeTest {
    @TempDir
    Path tmp;
    ScriptedGuest guest;
    GcsBridge bridge;

    @BeforeEach
    void connect() throws Exception {
        guest = new ScriptedGuest(tmp);
        bridge = new GcsBridge("test-vm", guest.hostSide);
    }

    @AfterEach
    void close() throws Exception {
        bridge.close();
        guest.close();
    }

    private static RequestBase request(String containerId) {
        return GcsBridge.request(new RequestBase(), containerId);
    }

    private static Throwable failure(CompletableFuture<?> f) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(2, TimeUnit.SECONDS));
        return e.getCause();
    }

    @Test
    void requestsCarryBaseFieldsNewlineAndIncreasingIds() throws Exception {
        bridge.call(RPCProc.RPC_START, request("c1"), ResponseBase.class, Duration.ofSeconds(5));
        bridge.call(RPCProc.RPC_START, request("c2"), ResponseBase.class, Duration.ofSeconds(5));
        var first = guest.read();
        var second = guest.read();
        assertEquals(0, first.id());
        assertEquals(1, second.id());
        assertEquals(MsgType.request(RPCProc.RPC_START), first.type());
        String text = new String(first.body(), StandardCharsets.UTF_8);
        assertTrue(text.endsWith("}\n"), text);
        ObjectNode body = BodyCodec.decode(first.body());
        assertEquals("c1", body.get("ContainerId").asText());
        assertEquals(36, body.get("ActivityId").asText().length());
    }

    @Test
    void manyRpcsInFlightCompleteInAnyOrder() throws Exception {
        List<CompletableFuture<ContainerExecuteProcessResponse>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(bridge.call(RPCProc.RPC_EXECUTE_PROCESS, request("c" + i), ContainerExecuteProcessResponse.class,
                    Duration.ofSeconds(10)));
        }
        List<ObjectNode> requests = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            requests.add(guest.readRequest(RPCProc.RPC_EXECUTE_PROCESS));
        }
        for (int i = 49; i >= 0; i--) {
            ObjectNode req = requests.get(i);
            int n = Integer.parseInt(req.get("ContainerId").asText().substring(1));
            guest.respond(RPCProc.RPC_EXECUTE_PROCESS, req, Json.mapper().createObjectNode().put("ProcessId", 1000 + n));
        }
        for (int i = 0; i < 50; i++) {
            assertEquals(1000 + i, calls.get(i).get(5, TimeUnit.SECONDS).processId.intValue());
        }
    }

    @Test
    void guestErrorsBecomeGcsExceptionsAndTheBridgeLives() throws Exception {
        var call = bridge.call(RPCProc.RPC_SIGNAL_PROCESS, request("c-exec"), ResponseBase.class, Duration.ofSeconds(5));
        ObjectNode req = guest.readRequest(RPCProc.RPC_SIGNAL_PROCESS);
        guest.respond(RPCProc.RPC_SIGNAL_PROCESS, req, Json.mapper().createObjectNode().put("Result", 0x80070490)
                .put("ErrorMessage", "HRESULT: 0x80070490"));
        GcsException e = assertInstanceOf(GcsException.class, failure(call));
        assertEquals(HResults.E_ELEMENT_NOT_FOUND, e.result());
        assertEquals("guest SIGNAL_PROCESS for c-exec failed: HRESULT 0x80070490: HRESULT: 0x80070490", e.getMessage());
        assertTrue(!bridge.isClosed());
    }

    @Test
    void notificationsReachTheirContainerOnly() throws Exception {
        LinkedBlockingQueue<String> a = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<String> b = new LinkedBlockingQueue<>();
        bridge.register("a", listener(a));
        bridge.register("b", listener(b));
        guest.notifyExit("b", "UnexpectedExit");
        guest.notifyExit("unknown", "GracefulExit");
        guest.notifyExit("a", "GracefulExit");
        assertEquals("GracefulExit", a.poll(5, TimeUnit.SECONDS));
        assertEquals("UnexpectedExit", b.poll(5, TimeUnit.SECONDS));
        assertTrue(a.isEmpty() && b.isEmpty());
    }

    private static ContainerListener listener(LinkedBlockingQueue<String> events) {
        return new ContainerListener() {
            @Override
            public void notification(ContainerNotification n) {
                events.add(n.type);
            }

            @Override
            public void bridgeClosed(BridgeClosedException cause) {
                events.add("closed: " + cause.getMessage());
            }
        };
    }

    @Test
    void oversizedFrameClosesTheBridgeFailsEveryPendingCallAndEveryContainer() throws Exception {
        LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
        bridge.register("c", listener(events));
        List<CompletableFuture<ResponseBase>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(bridge.call(RPCProc.RPC_WAIT_FOR_PROCESS, request("c"), ResponseBase.class, null));
        }
        guest.writeRaw(FrameCodec.header(MsgType.response(RPCProc.RPC_WAIT_FOR_PROCESS), 0x10001, 0));
        String expected = "GCS bridge test-vm closed: bridge frame size 65537 exceeds the limit of 65536 bytes";
        for (var call : calls) {
            assertEquals(expected, assertInstanceOf(BridgeClosedException.class, failure(call)).getMessage());
        }
        assertEquals("closed: " + expected, events.poll(5, TimeUnit.SECONDS));
        assertEquals(expected, bridge.closedFuture().get(5, TimeUnit.SECONDS).getMessage());
        // The host closed its end: after the ten requests the guest sees end of stream.
        for (int i = 0; i < 10; i++) {
            guest.readRequest(RPCProc.RPC_WAIT_FOR_PROCESS);
        }
        assertEquals(null, FrameCodec.read(guest.socket.input()));
        // Later calls fail at once, later listeners are told at once.
        assertEquals(expected, failure(bridge.call(RPCProc.RPC_START, request("c"), ResponseBase.class, null)).getMessage());
        bridge.register("late", listener(events));
        assertEquals("closed: " + expected, events.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void garbageClosesTheBridge() throws Exception {
        var call = bridge.call(RPCProc.RPC_START, request("c"), ResponseBase.class, null);
        guest.writeRaw("this is not a bridge frame at all".getBytes(StandardCharsets.UTF_8));
        Throwable e = failure(call);
        assertInstanceOf(BridgeClosedException.class, e);
        assertTrue(e.getMessage().startsWith("GCS bridge test-vm closed: bridge"), e.getMessage());
    }

    @Test
    void bodyThatIsNotJsonClosesTheBridge() throws Exception {
        var call = bridge.call(RPCProc.RPC_START, request("c"), ResponseBase.class, null);
        ObjectNode req = guest.readRequest(RPCProc.RPC_START);
        guest.writeRaw(FrameCodec.encode(new io.hcs4j.uvm.bridge.codec.Frame(MsgType.response(RPCProc.RPC_START),
                req.get("__id").asLong(), "{oops".getBytes(StandardCharsets.UTF_8))));
        assertTrue(failure(call).getMessage().startsWith("GCS bridge test-vm closed: bridge frame body is not JSON"));
    }

    @Test
    void responseToNoRequestAndGuestRequestsAreProtocolErrors() throws Exception {
        var call = bridge.call(RPCProc.RPC_START, request("c"), ResponseBase.class, null);
        guest.writeRaw(FrameCodec.encode(new io.hcs4j.uvm.bridge.codec.Frame(MsgType.response(RPCProc.RPC_START), 99,
                "{\"Result\":0}".getBytes(StandardCharsets.UTF_8))));
        assertEquals("GCS bridge test-vm closed: response Response(START) with id 99 matches no pending request",
                failure(call).getMessage());
    }

    @Test
    void guestHangingUpFailsEverythingAtOnce() throws Exception {
        var call = bridge.call(RPCProc.RPC_WAIT_FOR_PROCESS, request("c"), ResponseBase.class, null);
        guest.readRequest(RPCProc.RPC_WAIT_FOR_PROCESS);
        guest.close();
        assertEquals("GCS bridge test-vm: the guest closed the connection", failure(call).getMessage());
    }

    @Test
    void anRpcPastItsDeadlineKillsTheBridge() throws Exception {
        var wait = bridge.call(RPCProc.RPC_WAIT_FOR_PROCESS, request("c"), ResponseBase.class, null);
        var slow = bridge.call(RPCProc.RPC_GET_PROPERTIES, request("c"), ResponseBase.class, Duration.ofMillis(200));
        assertEquals("GCS bridge test-vm: GET_PROPERTIES for c got no response within 200 ms",
                failure(slow).getMessage());
        assertEquals(failure(slow).getMessage(), failure(wait).getMessage());
    }

    @Test
    void closeByTheHostFailsPendingCalls() throws Exception {
        var call = bridge.call(RPCProc.RPC_WAIT_FOR_PROCESS, request("c"), ResponseBase.class, null);
        bridge.close();
        assertEquals("GCS bridge test-vm closed by the host", failure(call).getMessage());
        bridge.close();
    }
}
