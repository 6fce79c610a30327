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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: a reader thread decodes frames, the server's workers run calls, and a writer thread
 * (started with the first response) sends the answers, so a client that does not read them stalls only its
 * own writer, never a worker. Each request holds one of {@link TtrpcLimits#maxInFlight()} permits from its
 * frame until its response is written: at the bound the reader stops reading (back-pressure on the client).
 */
final class ServerConnection {
    private static final Logger log = LoggerFactory.getLogger(ServerConnection.class);

    private final Connection connection;
    private final TtrpcServer server;
    private final Semaphore inFlight;
    private final BlockingQueue<byte[]> responses = new LinkedBlockingQueue<>();
    private final Map<Integer, ServerCallRunner<?, ?>> active = new ConcurrentHashMap<>();
    private Thread writer;
    private volatile boolean readingFrame;
    private volatile long frameStartedAt;
    private volatile boolean closed;

    ServerConnection(Connection connection, TtrpcServer server) {
        this.connection = connection;
        this.server = server;
        this.inFlight = new Semaphore(server.limits().maxInFlight());
    }

    void readLoop() {
        try {
            while (!closed) {
                inFlight.acquire();
                Frame frame;
                try {
                    frame = FrameCodec.read(connection.input(), this::frameStarted);
                } catch (OversizedFrameException e) {
                    readingFrame = false;
                    log.warn("{}", e.getMessage());
                    if (e.type() == Frame.TYPE_REQUEST) {
                        respond(e.streamId(), Status.RESOURCE_EXHAUSTED.withDescription(e.getMessage()), null);
                    } else {
                        inFlight.release();
                    }
                    continue;
                }
                readingFrame = false;
                if (frame == null) {
                    return;
                }
                if (frame.type() != Frame.TYPE_REQUEST) {
                    // Unary services only: data frames belong to streams this server never opens.
                    log.debug("ignoring ttrpc frame of type {} on stream {}", frame.type(), frame.streamId());
                    inFlight.release();
                    continue;
                }
                dispatch(frame);
            }
        } catch (IOException e) {
            if (!closed) {
                log.debug("ttrpc connection ended: {}", e.toString());
            }
        } catch (InterruptedException e) {
            log.debug("ttrpc reader interrupted");
        } finally {
            close();
        }
    }

    private void frameStarted() {
        frameStartedAt = System.nanoTime();
        readingFrame = true;
    }

    /** Whether a frame has been arriving for longer than {@code timeoutNanos}: a client stalled inside it. */
    boolean stalledInFrame(long now, long timeoutNanos) {
        return readingFrame && now - frameStartedAt > timeoutNanos;
    }

    /** Requests whose responses have not been written yet. */
    int requestsInFlight() {
        return server.limits().maxInFlight() - inFlight.availablePermits();
    }

    /** Starts a request's call, or answers it at once; either way it gets exactly one response. */
    private void dispatch(Frame frame) {
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

    /** Whether a request read is not yet answered on the wire (each holds a permit until its response is written). */
    boolean answering() {
        return !closed && inFlight.availablePermits() < server.limits().maxInFlight();
    }

    /** Queues the one response for a stream; a payload above the frame cap becomes RESOURCE_EXHAUSTED. */
    void respond(int streamId, Status status, byte[] payload) {
        active.remove(streamId);
        if (closed) {
            return;
        }
        Response.Builder response = Response.newBuilder().setStatus(StatusMapping.toProto(status));
        if (payload != null) {
            response.setPayload(ByteString.copyFrom(payload));
        }
        byte[] bytes = response.build().toByteArray();
        if (bytes.length > FrameCodec.MAX_PAYLOAD) {
            bytes = Response.newBuilder().setStatus(StatusMapping.toProto(Status.RESOURCE_EXHAUSTED
                    .withDescription("response of " + bytes.length + " bytes exceeds the ttrpc limit"))).build().toByteArray();
        }
        responses.add(FrameCodec.encode(new Frame(streamId, Frame.TYPE_RESPONSE, (byte) 0, bytes)));
        startWriter();
    }

    private synchronized void startWriter() {
        if (writer == null && !closed) {
            writer = new Thread(this::writeLoop, "ttrpc-conn-writer");
            writer.setDaemon(true);
            writer.start();
        }
    }

    private void writeLoop() {
        try {
            while (!closed) {
                byte[] frame = responses.take();
                connection.output().write(frame);
                connection.output().flush();
                inFlight.release();
            }
        } catch (IOException e) {
            log.debug("cannot send a ttrpc response: {}", e.toString());
        } catch (InterruptedException e) {
            log.debug("ttrpc writer interrupted");
        } finally {
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
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (writer != null) {
                writer.interrupt();
            }
        }
        connection.close();
        for (ServerCallRunner<?, ?> runner : active.values()) {
            runner.cancel(Status.CANCELLED.withDescription("connection closed"));
        }
        active.clear();
        responses.clear();
        inFlight.release(server.limits().maxInFlight()); // a reader waiting for a permit reads, and finds the end
        server.closed(this);
    }
}
