package io.hcs4j.shim.ttrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.StringValue;
import io.hcs4j.platform.ChannelConnection;
import io.hcs4j.platform.Connection;
import io.hcs4j.shim.ttrpc.proto.Request;
import io.hcs4j.shim.ttrpc.transport.UnixSocketListener;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, defect 3: what a client that misbehaves can take from the ttrpc server is bounded (threads,
 * requests in flight, memory, connections, time inside a frame), and a well-behaved client is still served.
 */
@Timeout(120)
class TtrpcServerBoundsTest {
    private static final MethodDescriptor<StringValue, StringValue> ECHO = method("Echo");
    private static final MethodDescriptor<StringValue, StringValue> BLOCK = method("Block");
    private static final TtrpcLimits LIMITS = new TtrpcLimits(60, 32, 4, Duration.ofMillis(500));

    @TempDir
    Path dir;
    private TtrpcServer server;
    private UnixSocketListener listener;
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Connection> raw = new ArrayList<>();

    private static MethodDescriptor<StringValue, StringValue> method(String name) {
        return MethodDescriptor.<StringValue, StringValue>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName("test.v1.Echo", name))
                .setRequestMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
                .setResponseMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
                .build();
    }

    private void start(TtrpcLimits limits) throws IOException {
        ServerServiceDefinition service = ServerServiceDefinition.builder("test.v1.Echo")
                .addMethod(ECHO, ServerCalls.asyncUnaryCall((req, obs) -> {
                    obs.onNext(StringValue.of("echo:" + req.getValue()));
                    obs.onCompleted();
                }))
                .addMethod(BLOCK, ServerCalls.asyncUnaryCall((req, obs) -> {
                    try {
                        release.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    obs.onNext(StringValue.of("released"));
                    obs.onCompleted();
                }))
                .build();
        server = new TtrpcServer(List.of(service), limits);
        listener = UnixSocketListener.bind(dir.resolve("s.sock"));
        server.start(listener);
    }

    @AfterEach
    void stop() {
        release.countDown();
        raw.forEach(Connection::close);
        if (server != null) {
            server.close();
        }
    }

    private Connection connect() throws IOException {
        Connection c = ChannelConnection.connect(listener.path());
        raw.add(c);
        return c;
    }

    private String echo(String value) throws Exception {
        try (TtrpcClient c = new TtrpcClient(ChannelConnection.connect(listener.path()))) {
            return c.call(ECHO, StringValue.of(value), Duration.ofSeconds(10), Map.of()).getValue();
        }
    }

    private static long ttrpcThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.startsWith("ttrpc-") && !n.startsWith("ttrpc-client")).count();
    }

    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what);
            Thread.sleep(20);
        }
    }

    private static byte[] echoFrame(int streamId) {
        Request r = Request.newBuilder().setService("test.v1.Echo").setMethod("Echo")
                .setPayload(StringValue.of("x").toByteString()).build();
        return FrameCodec.encode(new Frame(streamId, Frame.TYPE_REQUEST, (byte) 0, r.toByteArray()));
    }

    private static long heapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    @Test
    void pipelinedRequestsOfAClientThatNeverReadsAndHalfHeadersAreBounded() throws Exception {
        start(LIMITS);
        assertEquals("echo:warm", echo("warm"));
        long heapBefore = heapAfterGc();
        // 100 000 pipelined requests from a client that never reads its answers.
        Connection greedy = connect();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int i = 0; i < 100_000; i++) {
            all.write(echoFrame(2 * i + 1));
        }
        Thread sender = new Thread(() -> {
            try {
                OutputStream out = greedy.output();
                out.write(all.toByteArray());
                out.flush();
            } catch (IOException e) {
                // the test closes the connection while this write is held back
            }
        }, "greedy-sender");
        sender.setDaemon(true);
        sender.start();
        // 40 connections that each send an 11-byte frame start declaring 4 MiB, and nothing more.
        int length = FrameCodec.MAX_PAYLOAD;
        byte[] halfFrame = {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length, 0, 0, 0, 1, 1, 0, 7};
        List<Connection> half = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Connection c = connect();
            c.output().write(halfFrame);
            c.output().flush();
            half.add(c);
        }
        eventually("the greedy client is held at the bound", () -> server.requestsInFlight() == LIMITS.maxInFlight());
        assertTrue(sender.isAlive(), "the server stopped reading: the client's write is held back");
        assertTrue(ttrpcThreads() <= LIMITS.workers() + 2 + 2 * 41, "threads: " + ttrpcThreads());
        assertEquals("echo:still served", echo("still served"), "a well-behaved client is served meanwhile");
        // The half frames are cut after the frame timeout; the greedy client stays, held.
        for (Connection c : half) {
            assertEquals(-1, c.input().read(), "a connection stalled inside a frame is closed");
        }
        eventually("only the greedy connection is left", () -> server.connectionCount() == 1);
        assertEquals(LIMITS.maxInFlight(), server.requestsInFlight(), "still held: it read nothing");
        eventually("threads: the pool, the acceptor, the deadline timer and the greedy connection's two",
                () -> ttrpcThreads() <= LIMITS.workers() + 2 + 2);
        long grown = heapAfterGc() - heapBefore;
        assertTrue(grown < 16 << 20, "heap grew by " + grown + " bytes");
        greedy.close();
        eventually("the greedy connection ends", () -> server.connectionCount() == 0);
        sender.join(10_000);
    }

    @Test
    void connectionsAboveTheCapAreClosedAndIdleOnesAreNeverCut() throws Exception {
        start(new TtrpcLimits(3, 32, 4, Duration.ofMillis(300)));
        Connection idle = connect();
        Connection busy = connect();
        Connection third = connect();
        eventually("three connections served", () -> server.connectionCount() == 3);
        Connection refused = connect();
        assertEquals(-1, refused.input().read(), "the fourth connection is closed at once");
        // A request in flight longer than the frame timeout, and a connection idle between frames, stay.
        FrameCodec.write(busy.output(), new Frame(1, Frame.TYPE_REQUEST, (byte) 0,
                Request.newBuilder().setService("test.v1.Echo").setMethod("Block").build().toByteArray()));
        Thread.sleep(1000);
        release.countDown();
        assertEquals(1, FrameCodec.read(busy.input()).streamId(), "the long request is answered");
        idle.output().write(echoFrame(1));
        idle.output().flush();
        assertEquals(1, FrameCodec.read(idle.input()).streamId(), "the idle connection was kept");
        third.close();
        eventually("a slot is free", () -> server.connectionCount() == 2);
        assertEquals("echo:again", echo("again"), "a new connection is served once one closed");
    }

    @Test
    void limitsComeFromTheEnvironmentWithClearErrors() {
        assertEquals(TtrpcLimits.DEFAULTS, TtrpcLimits.from(Map.of()));
        assertEquals(new TtrpcLimits(8, 16, 2, Duration.ofMillis(1500)), TtrpcLimits.from(Map.of(
                "HCS4J_TTRPC_MAX_CONNECTIONS", "8", "HCS4J_TTRPC_MAX_IN_FLIGHT", "16", "HCS4J_TTRPC_WORKERS", "2",
                "HCS4J_TTRPC_FRAME_TIMEOUT_MS", "1500")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TtrpcLimits.from(Map.of("HCS4J_TTRPC_WORKERS", "0")));
        assertEquals("HCS4J_TTRPC_WORKERS must be a positive integer, not '0'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TtrpcLimits.from(Map.of("HCS4J_TTRPC_MAX_IN_FLIGHT", "many")));
    }
}
