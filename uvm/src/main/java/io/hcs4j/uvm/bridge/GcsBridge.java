package io.hcs4j.uvm.bridge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.platform.Connection;
import io.hcs4j.uvm.bridge.codec.BridgeJson;
import io.hcs4j.uvm.bridge.codec.BridgeProtocolException;
import io.hcs4j.uvm.bridge.codec.Frame;
import io.hcs4j.uvm.bridge.codec.FrameCodec;
import io.hcs4j.uvm.bridge.codec.MessageKind;
import io.hcs4j.uvm.bridge.codec.Rpc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The host's end of the GCS bridge: request/response matching by id over one connection, many RPCs in flight,
 * per-RPC deadlines, container notifications routed to their listener. Knows frames and JSON bodies, not
 * the meaning of the RPCs (that is {@link io.hcs4j.uvm.guest.GuestConnection}).
 *
 * <p>The bridge dies on the first malformed or oversized frame, an unexpected message, the end of the
 * connection, an RPC past its deadline (the guest's state is unknown then), or {@link #close()}. Dying fails
 * every pending RPC at once with a {@link BridgeClosedException} and tells every container listener.
 */
public final class GcsBridge implements Closeable {
    /** The VM itself is addressed by the all-zero container id. */
    public static final String VM_CONTAINER_ID = "00000000-0000-0000-0000-000000000000";

    private static final Logger LOG = LoggerFactory.getLogger(GcsBridge.class);

    private record Pending(Rpc rpc, String containerId, CompletableFuture<ObjectNode> future,
                           ScheduledFuture<?> deadline) {
    }

    private final String name;
    private final Connection connection;
    private final InputStream in;
    private final OutputStream out;
    private final AtomicLong nextId = new AtomicLong();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final Map<String, ContainerListener> listeners = new ConcurrentHashMap<>();
    private final AtomicReference<BridgeClosedException> closedBy = new AtomicReference<>();
    private final CompletableFuture<BridgeClosedException> closed = new CompletableFuture<>();
    private final ScheduledThreadPoolExecutor timer;
    /** Completions run here, never on the reader thread, so a callback that calls the bridge cannot stall it. */
    private final ExecutorService callbacks;
    private final Thread reader;

    public GcsBridge(String name, Connection connection) {
        this.name = name;
        this.connection = connection;
        this.in = connection.input();
        this.out = connection.output();
        this.timer = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "gcs-bridge-timer-" + name));
        this.timer.setRemoveOnCancelPolicy(true);
        this.callbacks = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 5, TimeUnit.SECONDS,
                new java.util.concurrent.SynchronousQueue<>(), r -> daemon(r, "gcs-bridge-callback-" + name));
        this.reader = daemon(this::readLoop, "gcs-bridge-reader-" + name);
        this.reader.start();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Completes (never fails) with the reason once the bridge is dead. */
    public CompletableFuture<BridgeClosedException> closedFuture() {
        return closed;
    }

    public boolean isClosed() {
        return closedBy.get() != null;
    }

    /** A request body with the base fields every request carries. */
    public static ObjectNode request(String containerId) {
        ObjectNode body = BridgeJson.object();
        body.put("ContainerId", containerId);
        body.put("ActivityId", UUID.randomUUID().toString());
        return body;
    }

    /**
     * Sends a request and returns its response body. The future fails with {@link GcsException} when the
     * guest reports an error, and with {@link BridgeClosedException} when the bridge dies first. A null
     * timeout means no deadline (e.g. WaitForProcess); a response that misses its deadline kills the bridge.
     */
    public CompletableFuture<ObjectNode> call(Rpc rpc, ObjectNode request, Duration timeout) {
        String containerId = request.path("ContainerId").asText();
        CompletableFuture<ObjectNode> future = new CompletableFuture<>();
        long id = nextId.getAndIncrement();
        BridgeClosedException dead = closedBy.get();
        if (dead != null) {
            future.completeExceptionally(dead);
            return future;
        }
        ScheduledFuture<?> deadline = timeout == null ? null : schedule(() -> kill(new BridgeClosedException(
                "GCS bridge " + name + ": " + rpc + " for " + containerId + " got no response within "
                        + timeout.toMillis() + " ms", null)), timeout);
        pending.put(id, new Pending(rpc, containerId, future, deadline));
        if (closedBy.get() != null) {
            // Lost a race with kill(): it may have drained the map before we inserted.
            failPending(closedBy.get());
            return future;
        }
        try {
            write(new Frame(rpc.requestType(), id, BridgeJson.encode(request, BridgeJson.Style.HOST)));
        } catch (IOException e) {
            kill(new BridgeClosedException("GCS bridge " + name + ": cannot send " + rpc + ": " + e.getMessage(), e));
        }
        return future;
    }

    /** Sends a request whose response the host does not wait for (Shutdown of the VM: the guest just goes). */
    public void send(Rpc rpc, ObjectNode request) throws IOException {
        BridgeClosedException dead = closedBy.get();
        if (dead != null) {
            throw dead;
        }
        write(new Frame(rpc.requestType(), nextId.getAndIncrement(), BridgeJson.encode(request, BridgeJson.Style.HOST)));
    }

    private ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        try {
            return timer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closedMeanwhile) {
            return null;
        }
    }

    private void write(Frame frame) throws IOException {
        byte[] bytes = FrameCodec.encode(frame);
        synchronized (out) {
            out.write(bytes);
            out.flush();
        }
    }

    /** Routes the container's notifications to the listener; it is also told when the bridge dies. */
    public void register(String containerId, ContainerListener listener) {
        listeners.put(containerId, listener);
        BridgeClosedException dead = closedBy.get();
        if (dead != null && listeners.remove(containerId, listener)) {
            listener.bridgeClosed(dead);
        }
    }

    public void unregister(String containerId) {
        listeners.remove(containerId);
    }

    private void readLoop() {
        try {
            while (true) {
                Frame frame = FrameCodec.read(in);
                if (frame == null) {
                    kill(new BridgeClosedException("GCS bridge " + name + ": the guest closed the connection", null));
                    return;
                }
                dispatch(frame);
            }
        } catch (BridgeProtocolException e) {
            kill(new BridgeClosedException("GCS bridge " + name + " closed: " + e.getMessage(), e));
        } catch (IOException e) {
            kill(new BridgeClosedException("GCS bridge " + name + ": connection lost: " + e.getMessage(), e));
        } catch (RuntimeException e) {
            kill(new BridgeClosedException("GCS bridge " + name + ": reader failed: " + e, e));
        }
    }

    private void dispatch(Frame frame) throws BridgeProtocolException {
        int kind = MessageKind.of(frame.type());
        if (kind == MessageKind.RESPONSE) {
            // Decode before taking the call off the pending map, so that a bad body fails it with the rest.
            ObjectNode body = BridgeJson.decode(frame.body());
            Pending p = pending.remove(frame.id());
            if (p == null) {
                throw new BridgeProtocolException("response " + MessageKind.describe(frame.type()) + " with id "
                        + frame.id() + " matches no pending request");
            }
            if (p.deadline != null) {
                p.deadline.cancel(false);
            }
            if (frame.type() != p.rpc.responseType()) {
                p.future.completeExceptionally(new BridgeProtocolException("expected " + p.rpc
                        + " response, got " + MessageKind.describe(frame.type())));
                throw new BridgeProtocolException("response id " + frame.id() + " has type "
                        + MessageKind.describe(frame.type()) + ", the request was " + p.rpc);
            }
            int result = body.path("Result").asInt(0);
            deliver(() -> {
                if (result != 0) {
                    p.future.completeExceptionally(new GcsException(p.rpc, p.containerId, result,
                            body.path("ErrorMessage").asText("")));
                } else {
                    p.future.complete(body);
                }
            });
        } else if (frame.type() == MessageKind.CONTAINER_NOTIFICATION) {
            ObjectNode body = BridgeJson.decode(frame.body());
            String containerId = body.path("ContainerId").asText();
            ContainerListener listener = listeners.get(containerId);
            LOG.debug("GCS bridge {}: notification {}", name, body);
            if (listener != null) {
                deliver(() -> listener.notification(body));
            }
        } else if (kind == MessageKind.NOTIFY) {
            LOG.debug("GCS bridge {}: ignoring {}", name, frame);
        } else {
            throw new BridgeProtocolException("unexpected " + MessageKind.describe(frame.type()) + " from the guest");
        }
    }

    private void kill(BridgeClosedException cause) {
        kill(cause, false);
    }

    private void kill(BridgeClosedException cause, boolean byHost) {
        if (!closedBy.compareAndSet(null, cause)) {
            return;
        }
        if (byHost) {
            LOG.debug("{}", cause.getMessage());
        } else {
            LOG.warn("{}", cause.getMessage());
        }
        connection.close();
        failPending(cause);
        for (String id : List.copyOf(listeners.keySet())) {
            ContainerListener l = listeners.remove(id);
            if (l != null) {
                deliver(() -> l.bridgeClosed(cause));
            }
        }
        timer.shutdownNow();
        callbacks.shutdown();
        closed.complete(cause);
    }

    private void failPending(BridgeClosedException cause) {
        for (Long id : List.copyOf(pending.keySet())) {
            Pending p = pending.remove(id);
            if (p != null) {
                p.future.completeExceptionally(cause);
            }
        }
    }

    /** Closes the connection; pending RPCs fail and containers are told. Idempotent. */
    @Override
    public void close() {
        kill(new BridgeClosedException("GCS bridge " + name + " closed by the host", null), true);
        if (Thread.currentThread() != reader) {
            try {
                reader.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void deliver(Runnable completion) {
        try {
            callbacks.execute(completion);
        } catch (java.util.concurrent.RejectedExecutionException bridgeDying) {
            completion.run();
        }
    }
}
