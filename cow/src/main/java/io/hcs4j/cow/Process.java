package io.hcs4j.cow;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;

/**
 * An OS process in a container, a compute system or a utility VM. Implementations: HCS-backed (a process HCS
 * runs for the host) and guest-backed (a process the guest agent runs inside a Linux utility VM).
 */
public interface Process extends AutoCloseable {
    /** The process id, as the host or guest that runs it numbers it. */
    int pid();

    /** The process's stdin, or {@code null} when none was requested. Closing it is {@link #closeStdin()}. */
    OutputStream stdin();

    /** The process's stdout, or {@code null} when none was requested. */
    InputStream stdout();

    /** The process's stderr, or {@code null} when none was requested (or it is merged into a terminal). */
    InputStream stderr();

    /** Makes the process's stdin see end-of-file; no more input can be written. */
    void closeStdin() throws IOException;

    /** Closes the host's end of stdout: no more output is wanted. */
    void closeStdout() throws IOException;

    /** Closes the host's end of stderr: no more output is wanted. */
    void closeStderr() throws IOException;

    /** Resizes the process's terminal; fails for a process that has none. */
    void resizeConsole(int width, int height) throws IOException;

    /**
     * Sends SIGKILL or the platform's equivalent. Returns whether it was delivered ({@code false} when the
     * process had already exited). Does not wait for the process to end.
     */
    boolean kill() throws IOException;

    /** Sends a signal; returns whether it was delivered. Does not wait for the process to end. */
    boolean signal(SignalOptions options) throws IOException;

    /**
     * Completes with the exit code when the process ends; completes exceptionally when the connection to the
     * process is lost (the host or guest died, or {@link #close()} was called first).
     */
    CompletableFuture<Integer> exit();

    /** The exit code; throws {@link IllegalStateException} while the process is running. */
    default int exitCode() {
        CompletableFuture<Integer> exit = exit();
        if (!exit.isDone()) {
            throw new IllegalStateException("process " + pid() + " is still running");
        }
        return exit.join();
    }

    /**
     * Releases what the host holds for the process and closes its stdio streams. Depending on the
     * implementation this may also terminate it. Idempotent.
     */
    @Override
    void close() throws IOException;
}
