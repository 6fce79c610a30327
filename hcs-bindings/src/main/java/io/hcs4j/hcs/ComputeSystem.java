package io.hcs4j.hcs;

import io.hcs4j.schema.v2.Properties;
import io.hcs4j.schema.v2.PropertyQuery;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * An open handle to an HCS compute system (a container or a VM). Documents are typed schema objects (serialized with
 * the shared mapper) or raw JSON strings. Operations block until HCS completes them or their {@link HcsTimeouts}
 * expire. {@link #close()} releases the handle; it does not stop the system unless its document asks HCS to.
 */
public final class ComputeSystem implements AutoCloseable {
    private final HcsApi api;
    private final io.hcs4j.hcs.spi.HcsBackend backend;
    private final String id;
    private final long ctx;
    private final HandleGuard guard;
    private final CompletableFuture<SystemExit> exit = new CompletableFuture<>();

    ComputeSystem(HcsApi api, io.hcs4j.hcs.spi.HcsBackend backend, String id, long ctx, com.sun.jna.Pointer handle) {
        this.api = api;
        this.backend = backend;
        this.id = id;
        this.ctx = ctx;
        this.guard = new HandleGuard(handle);
    }

    /** The sink for this system's notifications; registered before the handle exists. */
    static EventRouter.Sink sink(CompletableFuture<ComputeSystem> self) {
        return (kind, data) -> self.thenAccept(s -> s.onEvent(kind, data));
    }

    /**
     * Completes {@link #exit()} off the HCS callback thread (the common pool runs dependent actions), so user code
     * that blocks or closes handles in a dependent action cannot stall or deadlock HCS's callback delivery.
     */
    private void onEvent(EventRouter.Kind kind, String data) {
        switch (kind) {
            case SYSTEM_EXITED -> {
                SystemExit e = SystemExit.parse(data);
                exit.completeAsync(() -> e);
            }
            case SERVICE_DISCONNECT -> CompletableFuture.runAsync(() -> exit.completeExceptionally(
                    new HcsException("SystemExited", HcsErrorKind.SERVICE_DISCONNECT, "lost the compute service")));
            default -> { }
        }
    }

    public String id() {
        return id;
    }

    public void start() throws HcsException {
        op(HcsApi.SystemOp.START, null, HcsTimeouts.START);
    }

    /** Requests a clean shutdown and waits for HCS to accept it; {@link #exit()} completes when it is done. */
    public void shutdown() throws HcsException {
        op(HcsApi.SystemOp.SHUTDOWN, null, HcsTimeouts.SHUTDOWN);
    }

    public void terminate() throws HcsException {
        op(HcsApi.SystemOp.TERMINATE, null, HcsTimeouts.TERMINATE);
    }

    public void pause() throws HcsException {
        op(HcsApi.SystemOp.PAUSE, null, HcsTimeouts.PAUSE);
    }

    public void resume() throws HcsException {
        op(HcsApi.SystemOp.RESUME, null, HcsTimeouts.RESUME);
    }

    /** Saves the system's state; {@code options} is a schema2 SaveOptions (or null). */
    public void save(Object options) throws HcsException {
        op(HcsApi.SystemOp.SAVE, options, HcsTimeouts.SAVE);
    }

    private void op(HcsApi.SystemOp what, Object options, HcsTimeouts timeout) throws HcsException {
        String o = Documents.write(options);
        guard.call(what.name(), h -> {
            api.systemOp(what, h, ctx, o, timeout.get());
            return null;
        });
    }

    /**
     * Queries properties: {@code query} is a schema2 PropertyQuery (or schema1 query, or JSON); the answer is read as
     * {@code type} (e.g. schema2 Properties, or String for the raw document).
     */
    public <T> T properties(Object query, Class<T> type) throws HcsException {
        String q = Documents.write(query);
        String doc = guard.call("HcsGetComputeSystemProperties", h -> api.systemProperties(h, ctx, q,
                HcsTimeouts.PROPERTIES.get()));
        return Documents.read(doc, type, "HcsGetComputeSystemProperties");
    }

    /** Typed schema2 query: e.g. {@code PropertyType.PROCESS_LIST}, {@code STATISTICS}, {@code MEMORY}. */
    public Properties properties(PropertyQuery query) throws HcsException {
        return properties((Object) query, Properties.class);
    }

    /** Applies a schema2 ModifySettingRequest (or schema1 request, or JSON). */
    public void modify(Object request) throws HcsException {
        String r = Documents.write(request);
        guard.call("HcsModifyComputeSystem", h -> {
            api.modifySystem(h, ctx, r, HcsTimeouts.MODIFY.get());
            return null;
        });
    }

    /** Starts a process from schema2 ProcessParameters (or schema1 ProcessConfig, or JSON). */
    public HcsProcess createProcess(Object parameters) throws HcsException {
        String p = Documents.write(parameters);
        CompletableFuture<HcsProcess> self = new CompletableFuture<>();
        long pctx = EventRouter.register(HcsProcess.sink(self));
        try {
            HcsApi.CreatedProcess created = guard.call("HcsCreateProcess",
                    h -> api.createProcess(h, ctx, p, pctx, HcsTimeouts.PROCESS.get()));
            HcsProcess process = new HcsProcess(api, backend, this, pctx, created);
            self.complete(process);
            return process;
        } catch (HcsException | RuntimeException e) {
            EventRouter.unregister(pctx);
            throw e;
        }
    }

    /** Opens an existing process of this system; the result has no stdio streams. */
    public HcsProcess openProcess(int pid) throws HcsException {
        CompletableFuture<HcsProcess> self = new CompletableFuture<>();
        long pctx = EventRouter.register(HcsProcess.sink(self));
        try {
            com.sun.jna.Pointer proc = guard.call("HcsOpenProcess",
                    h -> api.openProcess(h, pid, pctx, HcsTimeouts.PROCESS.get()));
            HcsProcess process = new HcsProcess(api, backend, this, pctx,
                    new HcsApi.CreatedProcess(proc, pid, null, null, null));
            self.complete(process);
            return process;
        } catch (HcsException | RuntimeException e) {
            EventRouter.unregister(pctx);
            throw e;
        }
    }

    /**
     * Completes when the system exits; completes exceptionally with SERVICE_DISCONNECT when HCS goes away, or with
     * HANDLE_CLOSED when this handle is closed first.
     */
    public CompletableFuture<SystemExit> exit() {
        return exit.copy();
    }

    /** Waits up to {@code timeout} for the system to exit. */
    public SystemExit waitExit(Duration timeout) throws HcsException, TimeoutException, InterruptedException {
        return HcsException.await(exit, timeout);
    }

    /** Releases the handle. Idempotent. */
    @Override
    public void close() {
        if (guard.close(h -> api.closeSystem(h, ctx))) {
            EventRouter.unregister(ctx);
            exit.completeExceptionally(new HcsException("ComputeSystem.exit", HcsErrorKind.HANDLE_CLOSED,
                    "handle closed before the system exited"));
        }
    }

    @Override
    public String toString() {
        return "ComputeSystem[" + id + "]";
    }
}
