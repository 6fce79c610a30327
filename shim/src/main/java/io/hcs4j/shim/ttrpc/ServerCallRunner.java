package io.hcs4j.shim.ttrpc;

import io.hcs4j.shim.ttrpc.proto.Request;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one unary ttrpc request through a grpc-java method handler: the handler sees an ordinary
 * {@link ServerCall}, a {@link Context} carrying the request's deadline (from timeout_nano) and its metadata.
 * Exactly one response frame leaves, whichever of completion, deadline or cancellation comes first.
 */
final class ServerCallRunner<ReqT, RespT> extends ServerCall<ReqT, RespT> {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ServerCallRunner.class);
    /** The request's ttrpc metadata, for handlers that want it (e.g. containerd's namespace). */
    static final Context.Key<Metadata> METADATA = Context.key("ttrpc-metadata");

    private final ServerConnection connection;
    private final int streamId;
    private final ServerMethodDefinition<ReqT, RespT> method;
    private final Request request;
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile Context.CancellableContext context;
    private volatile ServerCall.Listener<ReqT> listener;
    private RespT response;

    @SuppressWarnings("unchecked")
    ServerCallRunner(ServerConnection connection, int streamId, ServerMethodDefinition<?, ?> method, Request request) {
        this.connection = connection;
        this.streamId = streamId;
        this.method = (ServerMethodDefinition<ReqT, RespT>) method;
        this.request = request;
    }

    void run() {
        ReqT message;
        try {
            message = method.getMethodDescriptor().parseRequest(request.getPayload().newInput());
        } catch (RuntimeException e) {
            finish(Status.INVALID_ARGUMENT.withDescription("cannot decode " + request.getMethod() + " request: " + e.getMessage()), null);
            return;
        }
        Metadata md = ServerConnection.metadata(request.getMetadataList());
        Context base = Context.ROOT.withValue(METADATA, md);
        Context.CancellableContext ctx = request.getTimeoutNano() > 0
                ? base.withDeadline(Deadline.after(request.getTimeoutNano(), TimeUnit.NANOSECONDS), connection.server().timers())
                : base.withCancellation();
        context = ctx;
        ctx.addListener(c -> {
            Throwable cause = c.cancellationCause();
            Status status = c.getDeadline() != null && c.getDeadline().isExpired()
                    ? Status.DEADLINE_EXCEEDED.withDescription("deadline of " + request.getTimeoutNano() + " ns exceeded")
                    : Status.CANCELLED.withCause(cause);
            cancel(status);
        }, Runnable::run);
        if (ctx.isCancelled()) {
            return;
        }
        ctx.run(() -> {
            try {
                ServerCall.Listener<ReqT> l = method.getServerCallHandler().startCall(this, md);
                listener = l;
                l.onMessage(message);
                l.onHalfClose();
                l.onReady();
            } catch (RuntimeException e) {
                finish(Status.fromThrowable(e), null);
            } catch (Error e) {
                // Even a broken class path must not leave containerd waiting for an answer that never comes.
                LOG.error("{} failed", request.getMethod(), e);
                finish(Status.INTERNAL.withDescription(request.getMethod() + ": " + e), null);
            }
        });
    }

    /** Ends the call early (deadline, closed connection): answers the stream if it is still open. */
    void cancel(Status status) {
        if (finish(status, null)) {
            ServerCall.Listener<ReqT> l = listener;
            if (l != null) {
                l.onCancel();
            }
        }
        Context.CancellableContext c = context;
        if (c != null) {
            c.cancel(null);
        }
    }

    private boolean finish(Status status, byte[] payload) {
        if (!finished.compareAndSet(false, true)) {
            return false;
        }
        connection.respond(streamId, status, payload);
        return true;
    }

    @Override
    public void request(int numMessages) {
        // Unary: the single request message is delivered by run().
    }

    @Override
    public void sendHeaders(Metadata headers) {
        // ttrpc responses carry no headers.
    }

    @Override
    public void sendMessage(RespT message) {
        response = message;
    }

    @Override
    public void close(Status status, Metadata trailers) {
        if (!status.isOk()) {
            finish(status, null);
        } else if (response == null) {
            finish(Status.INTERNAL.withDescription(request.getMethod() + " completed without a response"), null);
        } else {
            byte[] bytes;
            try (InputStream in = method.getMethodDescriptor().streamResponse(response)) {
                bytes = in.readAllBytes();
            } catch (IOException e) {
                finish(Status.INTERNAL.withDescription("cannot encode response: " + e), null);
                return;
            }
            finish(Status.OK, bytes);
        }
        Context.CancellableContext c = context;
        if (c != null) {
            c.cancel(null);
        }
    }

    @Override
    public boolean isCancelled() {
        return finished.get() && response == null;
    }

    @Override
    public MethodDescriptor<ReqT, RespT> getMethodDescriptor() {
        return method.getMethodDescriptor();
    }
}
