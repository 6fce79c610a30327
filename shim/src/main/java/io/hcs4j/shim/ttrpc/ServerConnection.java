package io.hcs4j.shim.ttrpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.hcs4j.platform.Connection;
import io.hcs4j.shim.ttrpc.proto.KeyValue;
import io.hcs4j.shim.ttrpc.proto.Request;
import io.hcs4j.shim.ttrpc.proto.Response;
import io.grpc.Status;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One client connection: a reader thread decodes frames, workers run calls, writes are serialized. */
final class ServerConnection {
    private static final Logger log = LoggerFactory.getLogger(ServerConnection.class);

    private final Connection connection;
    private final TtrpcServer server;
    private final Object writeLock = new Object();
    private final Map<Integer, ServerCallRunner<?, ?>> active = new ConcurrentHashMap<>();
    private volatile boolean closed;

    ServerConnection(Connection connection, TtrpcServer server) {
        this.connection = connection;
        this.server = server;
    }

    void readLoop() {
        try {
            while (!closed) {
                Frame frame;
                try {
                    frame = FrameCodec.read(connection.input());
                } catch (OversizedFrameException e) {
                    log.warn("{}", e.getMessage());
                    if (e.type() == Frame.TYPE_REQUEST) {
                        respond(e.streamId(), Status.RESOURCE_EXHAUSTED.withDescription(e.getMessage()), null);
                    }
                    continue;
                }
                if (frame == null) {
                    return;
                }
                dispatch(frame);
            }
        } catch (IOException e) {
            if (!closed) {
                log.debug("ttrpc connection ended: {}", e.toString());
            }
        } finally {
            close();
        }
    }

    private void dispatch(Frame frame) {
        if (frame.type() != Frame.TYPE_REQUEST) {
            // Unary services only: data frames belong to streams this server never opens.
            log.debug("ignoring ttrpc frame of type {} on stream {}", frame.type(), frame.streamId());
            return;
        }
        if ((frame.streamId() & 1) == 0) {
            respond(frame.streamId(), Status.INVALID_ARGUMENT.withDescription("client stream ids must be odd"), null);
            return;
        }
        Request request;
        try {
            request = Request.parseFrom(frame.payload());
        } catch (InvalidProtocolBufferException e) {
            respond(frame.streamId(), Status.INVALID_ARGUMENT.withDescription("malformed ttrpc request: " + e.getMessage()), null);
            return;
        }
        String fullName = request.getService() + "/" + request.getMethod();
        var method = server.method(fullName);
        if (method == null) {
            respond(frame.streamId(), Status.UNIMPLEMENTED.withDescription("no method " + fullName), null);
            return;
        }
        if (active.containsKey(frame.streamId())) {
            respond(frame.streamId(), Status.INVALID_ARGUMENT.withDescription("stream id already in use"), null);
            return;
        }
        ServerCallRunner<?, ?> runner = new ServerCallRunner<>(this, frame.streamId(), method, request);
        active.put(frame.streamId(), runner);
        try {
            server.workers().execute(runner::run);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            active.remove(frame.streamId());
            respond(frame.streamId(), Status.UNAVAILABLE.withDescription("server is shutting down"), null);
        }
    }

    TtrpcServer server() {
        return server;
    }

    /** Sends the one response for a stream; a payload above the frame cap becomes RESOURCE_EXHAUSTED. */
    void respond(int streamId, Status status, byte[] payload) {
        active.remove(streamId);
        Response.Builder response = Response.newBuilder().setStatus(StatusMapping.toProto(status));
        if (payload != null) {
            response.setPayload(ByteString.copyFrom(payload));
        }
        byte[] bytes = response.build().toByteArray();
        if (bytes.length > FrameCodec.MAX_PAYLOAD) {
            bytes = Response.newBuilder().setStatus(StatusMapping.toProto(Status.RESOURCE_EXHAUSTED
                    .withDescription("response of " + bytes.length + " bytes exceeds the ttrpc limit"))).build().toByteArray();
        }
        try {
            synchronized (writeLock) {
                FrameCodec.write(connection.output(), new Frame(streamId, Frame.TYPE_RESPONSE, (byte) 0, bytes));
            }
        } catch (IOException e) {
            log.debug("cannot send ttrpc response on stream {}: {}", streamId, e.toString());
            close();
        }
    }

    static io.grpc.Metadata metadata(Iterable<KeyValue> pairs) {
        io.grpc.Metadata md = new io.grpc.Metadata();
        for (KeyValue kv : pairs) {
            try {
                md.put(io.grpc.Metadata.Key.of(kv.getKey(), io.grpc.Metadata.ASCII_STRING_MARSHALLER), kv.getValue());
            } catch (IllegalArgumentException e) {
                log.debug("dropping ttrpc metadata key {}: {}", kv.getKey(), e.getMessage());
            }
        }
        return md;
    }

    void close() {
        if (closed) {
            return;
        }
        closed = true;
        connection.close();
        for (ServerCallRunner<?, ?> runner : active.values()) {
            runner.cancel(Status.CANCELLED.withDescription("connection closed"));
        }
        active.clear();
        server.closed(this);
    }
}
