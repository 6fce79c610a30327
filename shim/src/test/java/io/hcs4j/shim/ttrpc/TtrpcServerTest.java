package io.hcs4j.shim.ttrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.StringValue;
import io.hcs4j.platform.ChannelConnection;
import io.hcs4j.platform.Connection;
import io.hcs4j.shim.ttrpc.proto.Request;
import io.hcs4j.shim.ttrpc.proto.Response;
import io.hcs4j.shim.ttrpc.transport.UnixSocketListener;
import io.grpc.Context;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class TtrpcServerTest {
    private static final MethodDescriptor<StringValue, StringValue> ECHO = method("Echo");
    private static final MethodDescriptor<StringValue, StringValue> BLOCK = method("Block");
    private static final MethodDescriptor<StringValue, StringValue> FAIL = method("Fail");
    private static final MethodDescriptor<StringValue, StringValue> META = method("Meta");
    private static final MethodDescriptor<StringValue, StringValue> LAST = method("Last");

    @TempDir
    Path dir;
    private TtrpcServer server;
    private UnixSocketListener listener;
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch blockedCancelled = new CountDownLatch(1);
    private final CountDownLatch blockedStarted = new CountDownLatch(1);
    private final CountDownLatch lastAnswered = new CountDownLatch(1);

    private static MethodDescriptor<StringValue, StringValue> method(String name) {
        return MethodDescriptor.<StringValue, StringValue>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName("test.v1.Echo", name))
                .setRequestMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
                .setResponseMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
                .build();
    }

    @BeforeEach
    void start() throws IOException {
        ServerServiceDefinition service = ServerServiceDefinition.builder("test.v1.Echo")
                .addMethod(ECHO, ServerCalls.asyncUnaryCall((req, obs) -> {
                    obs.onNext(StringValue.of("echo:" + req.getValue()));
                    obs.onCompleted();
                }))
                .addMethod(BLOCK, ServerCalls.asyncUnaryCall((req, obs) -> {
                    Context.current().addListener(c -> blockedCancelled.countDown(), Runnable::run);
                    blockedStarted.countDown();
                    try {
                        if (release.await(20, TimeUnit.SECONDS)) {
                            obs.onNext(StringValue.of("released"));
                            obs.onCompleted();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }))
                .addMethod(FAIL, ServerCalls.asyncUnaryCall((req, obs) ->
                        obs.onError(Status.NOT_FOUND.withDescription("no task " + req.getValue()).asException())))
                .addMethod(LAST, ServerCalls.asyncUnaryCall((req, obs) -> {
                    obs.onNext(StringValue.of("bye"));
                    obs.onCompleted();
                    lastAnswered.countDown(); // as Shutdown releases the shim's main thread, which closes the server
                }))
                .addMethod(META, ServerCalls.asyncUnaryCall((req, obs) -> {
                    var md = ServerCallRunner.METADATA.get();
                    obs.onNext(StringValue.of(md.get(io.grpc.Metadata.Key.of(req.getValue(), io.grpc.Metadata.ASCII_STRING_MARSHALLER))));
                    obs.onCompleted();
                }))
                .build();
        server = new TtrpcServer(List.of(service));
        listener = UnixSocketListener.bind(dir.resolve("s.sock"));
        server.start(listener);
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.close();
        assertTrue(Files.notExists(dir.resolve("s.sock")), "socket removed on close");
    }

    private TtrpcClient client() throws IOException {
        return new TtrpcClient(ChannelConnection.connect(listener.path()));
    }

    /** A shim closing its server right after Shutdown answered: the answer reaches the client first. */
    @Test
    void anAnswerGivenBeforeTheServerClosesIsDelivered() throws Exception {
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try (TtrpcClient c = client()) {
            Future<StringValue> reply = caller.submit(() -> c.call(LAST, StringValue.of(""), Duration.ofSeconds(5), Map.of()));
            assertTrue(lastAnswered.await(5, TimeUnit.SECONDS));
            server.awaitAnswered(Duration.ofSeconds(5));
            server.close();
            assertEquals("bye", reply.get(5, TimeUnit.SECONDS).getValue());
        } finally {
            caller.shutdownNow();
        }
    }

    @Test
    void unaryCallRoundTrips() throws Exception {
        try (TtrpcClient c = client()) {
            assertEquals("echo:hi", c.call(ECHO, StringValue.of("hi"), Duration.ofSeconds(5), Map.of()).getValue());
        }
    }

    @Test
    void errorsCarryCodeAndMessage() throws Exception {
        try (TtrpcClient c = client()) {
            StatusException e = assertThrows(StatusException.class,
                    () -> c.call(FAIL, StringValue.of("x"), Duration.ofSeconds(5), Map.of()));
            assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
            assertEquals("no task x", e.getStatus().getDescription());
        }
    }

    @Test
    void unknownMethodIsUnimplemented() throws Exception {
        MethodDescriptor<StringValue, StringValue> missing = method("Missing");
        try (TtrpcClient c = client()) {
            StatusException e = assertThrows(StatusException.class,
                    () -> c.call(missing, StringValue.of(""), Duration.ofSeconds(5), Map.of()));
            assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode());
        }
    }

    @Test
    void metadataReachesTheHandler() throws Exception {
        try (TtrpcClient c = client()) {
            assertEquals("k8s.io", c.call(META, StringValue.of("containerd-namespace-ttrpc"), Duration.ofSeconds(5),
                    Map.of("containerd-namespace-ttrpc", "k8s.io")).getValue());
        }
    }

    @Test
    void manyConcurrentRequestsOnOneConnectionWhileOneIsBlocked() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try (TtrpcClient c = client()) {
            Future<StringValue> blocked = pool.submit(() -> c.call(BLOCK, StringValue.of(""), Duration.ofSeconds(30), Map.of()));
            List<Future<StringValue>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String v = Integer.toString(i);
                calls.add(pool.submit(() -> c.call(ECHO, StringValue.of(v), Duration.ofSeconds(10), Map.of())));
            }
            for (int i = 0; i < calls.size(); i++) {
                assertEquals("echo:" + i, calls.get(i).get(20, TimeUnit.SECONDS).getValue());
            }
            release.countDown();
            assertEquals("released", blocked.get(20, TimeUnit.SECONDS).getValue());
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void deadlineFromTimeoutNanoAnswersDeadlineExceededAndCancelsTheHandler() throws Exception {
        try (Connection raw = ChannelConnection.connect(listener.path())) {
            Request req = Request.newBuilder().setService("test.v1.Echo").setMethod("Block")
                    .setPayload(StringValue.of("").toByteString()).setTimeoutNano(TimeUnit.MILLISECONDS.toNanos(200)).build();
            FrameCodec.write(raw.output(), new Frame(1, Frame.TYPE_REQUEST, (byte) 0, req.toByteArray()));
            Frame answer = FrameCodec.read(raw.input());
            assertEquals(1, answer.streamId());
            assertEquals(Frame.TYPE_RESPONSE, answer.type());
            assertEquals(Status.Code.DEADLINE_EXCEEDED.value(), Response.parseFrom(answer.payload()).getStatus().getCode());
            assertTrue(blockedCancelled.await(10, TimeUnit.SECONDS), "handler's context cancelled");
        }
    }

    @Test
    void oversizedRequestGetsResourceExhaustedAndTheConnectionSurvives() throws Exception {
        try (Connection raw = ChannelConnection.connect(listener.path())) {
            int length = FrameCodec.MAX_PAYLOAD + 10;
            byte[] header = {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length, 0, 0, 0, 3, 1, 0};
            raw.output().write(header);
            raw.output().write(new byte[length]);
            Frame answer = FrameCodec.read(raw.input());
            assertEquals(3, answer.streamId());
            assertEquals(Status.Code.RESOURCE_EXHAUSTED.value(), Response.parseFrom(answer.payload()).getStatus().getCode());
            Request ok = Request.newBuilder().setService("test.v1.Echo").setMethod("Echo")
                    .setPayload(StringValue.of("after").toByteString()).build();
            FrameCodec.write(raw.output(), new Frame(5, Frame.TYPE_REQUEST, (byte) 0, ok.toByteArray()));
            Response r = Response.parseFrom(FrameCodec.read(raw.input()).payload());
            assertEquals("echo:after", StringValue.parseFrom(r.getPayload()).getValue());
        }
    }

    @Test
    void malformedRequestBodyIsInvalidArgument() throws Exception {
        try (Connection raw = ChannelConnection.connect(listener.path())) {
            FrameCodec.write(raw.output(), new Frame(1, Frame.TYPE_REQUEST, (byte) 0, new byte[] {(byte) 0xFF, (byte) 0xFF, 1}));
            Response r = Response.parseFrom(FrameCodec.read(raw.input()).payload());
            assertEquals(Status.Code.INVALID_ARGUMENT.value(), r.getStatus().getCode());
        }
    }

    @Test
    void closingTheClientCancelsItsRequestsInFlight() throws Exception {
        TtrpcClient c = client();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> blocked = pool.submit(() -> c.call(BLOCK, StringValue.of(""), Duration.ofSeconds(30), Map.of()));
            assertTrue(blockedStarted.await(10, TimeUnit.SECONDS), "server runs the call");
            c.close();
            assertTrue(blockedCancelled.await(10, TimeUnit.SECONDS), "server cancelled the handler");
            var e = assertThrows(java.util.concurrent.ExecutionException.class, () -> blocked.get(10, TimeUnit.SECONDS));
            assertEquals(Status.Code.UNAVAILABLE, ((StatusException) e.getCause()).getStatus().getCode());
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }
}
