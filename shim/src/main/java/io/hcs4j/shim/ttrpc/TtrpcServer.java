package io.hcs4j.shim.ttrpc;

import io.hcs4j.platform.Connection;
import io.hcs4j.shim.ttrpc.transport.Listener;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ttrpc server: accepts connections on a {@link Listener} and dispatches each request frame to the
 * grpc-java {@link ServerServiceDefinition} that owns the method, so one service implementation serves
 * both ttrpc and gRPC. Requests on one connection run concurrently (containerd keeps Wait outstanding
 * while it sends Start, State, Kill...), on a bounded pool of workers; connections, requests in flight per
 * connection and the time a frame may take are bounded too ({@link TtrpcLimits}).
 */
public final class TtrpcServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TtrpcServer.class);
    private static final long WORKER_KEEP_ALIVE_SECONDS = 30;

    private final Map<String, ServerMethodDefinition<?, ?>> methods = new ConcurrentHashMap<>();
    private final Set<ServerConnection> connections = ConcurrentHashMap.newKeySet();
    private final TtrpcLimits limits;
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService timers;
    private final AtomicInteger threadIds = new AtomicInteger();
    private volatile Listener listener;
    private volatile Thread acceptor;
    private volatile Runnable onConnectionClosed = () -> { };

    public TtrpcServer(List<ServerServiceDefinition> services) {
        this(services, TtrpcLimits.fromEnvironment());
    }

    public TtrpcServer(List<ServerServiceDefinition> services, TtrpcLimits limits) {
        this.limits = limits;
        for (ServerServiceDefinition service : services) {
            for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
                methods.put(method.getMethodDescriptor().getFullMethodName(), method);
            }
        }
        // Workers start on demand and end when idle; calls beyond the pool wait in the queue, which the
        // per-connection bound on requests in flight keeps finite.
        workers = new ThreadPoolExecutor(limits.workers(), limits.workers(), WORKER_KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> daemon(r, "ttrpc-worker-" + threadIds.incrementAndGet()));
        workers.allowCoreThreadTimeOut(true);
        timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "ttrpc-deadlines"));
        long sweepMillis = Math.max(10, Math.min(1000, limits.frameTimeout().toMillis() / 4));
        timers.scheduleWithFixedDelay(this::closeStalledConnections, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Called (on the connection's reader thread) whenever a client connection ends. */
    public void onConnectionClosed(Runnable callback) {
        this.onConnectionClosed = callback;
    }

    /** Starts accepting on the listener; returns at once. */
    public synchronized void start(Listener l) {
        if (listener != null) {
            throw new IllegalStateException("server already started");
        }
        listener = l;
        acceptor = daemon(this::acceptLoop, "ttrpc-accept");
        acceptor.start();
    }

    private void acceptLoop() {
        Listener l = listener;
        while (true) {
            Connection c;
            try {
                c = l.accept();
            } catch (IOException e) {
                log.debug("ttrpc listener stopped: {}", e.toString());
                return;
            }
            serve(c);
        }
    }

    /** Serves one already-established connection, unless {@link TtrpcLimits#maxConnections()} are open. */
    public void serve(Connection c) {
        ServerConnection sc = new ServerConnection(c, this);
        synchronized (connections) {
            if (connections.size() >= limits.maxConnections()) {
                log.warn("refusing a ttrpc connection: {} are open (HCS4J_TTRPC_MAX_CONNECTIONS)", connections.size());
                c.close();
                return;
            }
            connections.add(sc);
        }
        daemon(sc::readLoop, "ttrpc-conn-reader").start();
    }

    /** Closes connections whose client stopped in the middle of a frame. */
    private void closeStalledConnections() {
        long now = System.nanoTime();
        long timeout = limits.frameTimeout().toNanos();
        for (ServerConnection sc : connections) {
            if (sc.stalledInFrame(now, timeout)) {
                log.warn("closing a ttrpc connection stalled inside a frame for more than {} ms (HCS4J_TTRPC_FRAME_TIMEOUT_MS)",
                        limits.frameTimeout().toMillis());
                sc.close();
            }
        }
    }

    TtrpcLimits limits() {
        return limits;
    }

    ServerMethodDefinition<?, ?> method(String fullName) {
        return methods.get(fullName);
    }

    ExecutorService workers() {
        return workers;
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    void closed(ServerConnection sc) {
        boolean removed;
        synchronized (connections) {
            removed = connections.remove(sc);
        }
        if (removed) {
            onConnectionClosed.run();
        }
    }

    public int connectionCount() {
        return connections.size();
    }

    /** Requests read and not yet answered, over all connections. */
    int requestsInFlight() {
        return connections.stream().mapToInt(ServerConnection::requestsInFlight).sum();
    }

    /**
     * Waits, at most {@code timeout}, until every request read has its response written: a shim that stops after
     * Shutdown answers it first, as containerd expects.
     */
    public void awaitAnswered(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (connections.stream().anyMatch(ServerConnection::answering) && System.nanoTime() - deadline < 0) {
            Thread.sleep(1);
        }
    }

    /** Stops accepting, closes every connection (cancelling requests in flight) and stops the threads. */
    @Override
    public void close() {
        Listener l = listener;
        if (l != null) {
            l.close();
        }
        for (ServerConnection sc : connections) {
            sc.close();
        }
        workers.shutdownNow();
        timers.shutdownNow();
        try {
            Thread a = acceptor;
            if (a != null) {
                a.join(TimeUnit.SECONDS.toMillis(5));
            }
            workers.awaitTermination(5, TimeUnit.SECONDS);
            timers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
