package io.hcs4j.hcs;

import io.hcs4j.hcs.spi.HcsBackend;
import io.hcs4j.schema.guest.ProcessModifyOperation;
import io.hcs4j.schema.guest.STDIOHandle;
import io.hcs4j.schema.v2.CloseHandle;
import io.hcs4j.schema.v2.ConsoleSize;
import io.hcs4j.schema.v2.ProcessModifyRequest;
import io.hcs4j.schema.v2.ProcessStatus;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * A process in a compute system: its pid, the host ends of the stdio pipes HCS created (null for streams not
 * requested in the process parameters), control operations and its exit code as a future. {@link #close()} closes
 * the streams still open and releases the handle; it does not kill the process.
 */
public final class HcsProcess implements AutoCloseable {
    private final HcsApi api;
    private final ComputeSystem system;
    private final long ctx;
    private final int pid;
    private final HandleGuard guard;
    private final OutputStream stdin;
    private final InputStream stdout;
    private final InputStream stderr;
    private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();

    HcsProcess(HcsApi api, HcsBackend backend, ComputeSystem system, long ctx, HcsApi.CreatedProcess created) {
        this.api = api;
        this.system = system;
        this.ctx = ctx;
        this.pid = created.pid();
        this.guard = new HandleGuard(created.process());
        this.stdin = created.stdIn() == null ? null : backend.openWriter(created.stdIn());
        this.stdout = created.stdOut() == null ? null : backend.openReader(created.stdOut());
        this.stderr = created.stdErr() == null ? null : backend.openReader(created.stdErr());
    }

    static EventRouter.Sink sink(CompletableFuture<HcsProcess> self) {
        return (kind, data) -> self.thenAccept(p -> p.onEvent(kind, data));
    }

    /** Completes {@link #exitCode()} off the HCS callback thread, as {@link ComputeSystem} does. */
    private void onEvent(EventRouter.Kind kind, String data) {
        switch (kind) {
            case PROCESS_EXITED -> {
                int code = exitCodeOf(data);
                exitCode.completeAsync(() -> code);
            }
            case SERVICE_DISCONNECT -> CompletableFuture.runAsync(() -> exitCode.completeExceptionally(
                    new HcsException("ProcessExited", HcsErrorKind.SERVICE_DISCONNECT, "lost the compute service")));
            default -> { }
        }
    }

    /** ExitCode from the notification's ProcessStatus, else from the process properties; -1 when neither says. */
    private int exitCodeOf(String data) {
        var tree = Documents.tree(data);
        if (tree.has("ExitCode")) {
            return tree.get("ExitCode").asInt();
        }
        try {
            String props = guard.tryCall(h -> api.processProperties(h, HcsTimeouts.PROCESS.get()));
            var status = Documents.tree(props);
            return status.has("ExitCode") ? status.get("ExitCode").asInt() : -1;
        } catch (HcsException e) {
            return -1;
        }
    }

    public int pid() {
        return pid;
    }

    /** The compute system this process runs in. */
    public ComputeSystem system() {
        return system;
    }

    /** The process's stdin, or null when not requested. */
    public OutputStream stdin() {
        return stdin;
    }

    /** The process's stdout, or null when not requested. */
    public InputStream stdout() {
        return stdout;
    }

    /** The process's stderr, or null when not requested. */
    public InputStream stderr() {
        return stderr;
    }

    /**
     * Sends a signal: {@code options} is a guest SignalProcessOptionsLCOW / SignalProcessOptionsWCOW (or JSON); null
     * lets HCS choose (the Linux guest and the emulator then kill).
     */
    public void signal(Object options) throws HcsException {
        processOp(HcsApi.ProcessOp.SIGNAL, options);
    }

    public void terminate() throws HcsException {
        processOp(HcsApi.ProcessOp.TERMINATE, null);
    }

    /** Applies a ProcessModifyRequest (typed or JSON). */
    public void modify(Object request) throws HcsException {
        processOp(HcsApi.ProcessOp.MODIFY, request);
    }

    private void processOp(HcsApi.ProcessOp op, Object document) throws HcsException {
        String d = Documents.write(document);
        guard.call(op.name(), h -> {
            api.processOp(op, h, d, HcsTimeouts.PROCESS.get());
            return null;
        });
    }

    /** Tells HCS to close the process's stdin, then closes the host end: the process reads EOF. */
    public void closeStdin() throws HcsException {
        ProcessModifyRequest request = new ProcessModifyRequest();
        request.operation = ProcessModifyOperation.CLOSE_HANDLE;
        request.closeHandle = new CloseHandle();
        request.closeHandle.handle = STDIOHandle.STD_IN;
        modify(request);
        if (stdin != null) {
            try {
                stdin.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public void resizeConsole(int width, int height) throws HcsException {
        ProcessModifyRequest request = new ProcessModifyRequest();
        request.operation = ProcessModifyOperation.CONSOLE_SIZE;
        request.consoleSize = new ConsoleSize();
        request.consoleSize.width = width;
        request.consoleSize.height = height;
        modify(request);
    }

    /** The process status document (ProcessStatus: ProcessId, Exited, ExitCode, LastWaitResult) read as {@code type}. */
    public <T> T properties(Class<T> type) throws HcsException {
        String doc = guard.call("HcsGetProcessProperties", h -> api.processProperties(h, HcsTimeouts.PROCESS.get()));
        return Documents.read(doc, type, "HcsGetProcessProperties");
    }

    /** The process status: ProcessId, Exited, ExitCode, LastWaitResult. */
    public ProcessStatus status() throws HcsException {
        return properties(ProcessStatus.class);
    }

    /** Completes with the exit code once the process has exited. */
    public CompletableFuture<Integer> exitCode() {
        return exitCode.copy();
    }

    /** Waits up to {@code timeout} for the exit code. */
    public int waitExit(Duration timeout) throws HcsException, TimeoutException, InterruptedException {
        return HcsException.await(exitCode, timeout);
    }

    /** Closes the streams still open and the handle. Idempotent. */
    @Override
    public void close() {
        closeQuietly(stdin);
        closeQuietly(stdout);
        closeQuietly(stderr);
        if (guard.close(h -> api.closeProcess(h, ctx))) {
            EventRouter.unregister(ctx);
            exitCode.completeExceptionally(new HcsException("HcsProcess.exitCode", HcsErrorKind.HANDLE_CLOSED,
                    "handle closed before the process exited"));
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // the stream's owner is gone either way
            }
        }
    }

    @Override
    public String toString() {
        return "HcsProcess[" + pid + " in " + system.id() + "]";
    }
}
