package io.hcs4j.shim.ttrpc;

import com.google.protobuf.ByteString;
import io.hcs4j.platform.Connection;
import io.hcs4j.shim.ttrpc.proto.KeyValue;
import io.hcs4j.shim.ttrpc.proto.Request;
import io.hcs4j.shim.ttrpc.proto.Response;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ttrpc client over one connection: unary calls with a deadline, many in flight at once. Used by the shim
 * to publish events to containerd (Events/Forward), and by tests to drive the server.
 */
public final class TtrpcClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TtrpcClient.class);

    private final Connection connection;
    private final Object writeLock = new Object();
    private final Map<Integer, CompletableFuture<Response>> pending = new ConcurrentHashMap<>();
    private final Thread reader;
    private int nextStreamId = 1;
    private volatile boolean closed;

    public TtrpcClient(Connection connection) {
        this.connection = connection;
        this.reader = new Thread(this::readLoop, "ttrpc-client-reader");
        reader.setDaemon(true);
        reader.start();
    }

    public boolean isClosed() {
        return closed;
    }

    /** Calls one unary method; the deadline is both sent (timeout_nano) and enforced locally. */
    public <Q, R> R call(MethodDescriptor<Q, R> method, Q message, Duration timeout, Map<String, String> metadata)
            throws StatusException {
        byte[] payload;
        try (InputStream in = method.streamRequest(message)) {
            payload = in.readAllBytes();
        } catch (IOException e) {
            throw Status.INTERNAL.withDescription("cannot encode request").withCause(e).asException();
        }
        Request.Builder request = Request.newBuilder()
                .setService(method.getServiceName())
                .setMethod(method.getBareMethodName())
                .setPayload(ByteString.copyFrom(payload))
                .setTimeoutNano(timeout.toNanos());
        metadata.forEach((k, v) -> request.addMetadata(KeyValue.newBuilder().setKey(k).setValue(v)));
        byte[] body = request.build().toByteArray();
        if (body.length > FrameCodec.MAX_PAYLOAD) {
            throw Status.RESOURCE_EXHAUSTED.withDescription("request exceeds the ttrpc limit").asException();
        }
        CompletableFuture<Response> future = new CompletableFuture<>();
        int streamId;
        synchronized (writeLock) {
            if (closed) {
                throw Status.UNAVAILABLE.withDescription("ttrpc connection closed").asException();
            }
            streamId = nextStreamId;
            nextStreamId += 2;
            pending.put(streamId, future);
            try {
                FrameCodec.write(connection.output(), new Frame(streamId, Frame.TYPE_REQUEST, (byte) 0, body));
            } catch (IOException e) {
                pending.remove(streamId);
                close();
                throw Status.UNAVAILABLE.withDescription("cannot send ttrpc request").withCause(e).asException();
            }
        }
        Response response;
        try {
            response = future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.remove(streamId);
            throw Status.DEADLINE_EXCEEDED.withDescription(method.getFullMethodName() + " timed out").asException();
        } catch (ExecutionException e) {
            throw Status.UNAVAILABLE.withDescription("ttrpc connection lost").withCause(e.getCause()).asException();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Status.CANCELLED.withDescription("interrupted").asException();
        }
        Status status = StatusMapping.fromProto(response.getStatus());
        if (!status.isOk()) {
            throw status.asException();
        }
        return method.parseResponse(response.getPayload().newInput());
    }

    private void readLoop() {
        try {
            while (true) {
                Frame frame;
                try {
                    frame = FrameCodec.read(connection.input());
                } catch (OversizedFrameException e) {
                    CompletableFuture<Response> f = pending.remove(e.streamId());
                    if (f != null) {
                        f.complete(Response.newBuilder().setStatus(StatusMapping.toProto(
                                Status.RESOURCE_EXHAUSTED.withDescription(e.getMessage()))).build());
                    }
                    continue;
                }
                if (frame == null) {
                    return;
                }
                if (frame.type() != Frame.TYPE_RESPONSE) {
                    continue;
                }
                CompletableFuture<Response> f = pending.remove(frame.streamId());
                if (f == null) {
                    continue; // the caller gave up (deadline) before the answer came
                }
                try {
                    f.complete(Response.parseFrom(frame.payload()));
                } catch (IOException e) {
                    f.completeExceptionally(e);
                }
            }
        } catch (IOException e) {
            if (!closed) {
                log.debug("ttrpc client connection ended: {}", e.toString());
            }
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        synchronized (writeLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        connection.close();
        IOException gone = new IOException("ttrpc connection closed");
        pending.values().forEach(f -> f.completeExceptionally(gone));
        pending.clear();
    }
}
