package io.hcs4j.shim.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;

/**
 * A process in a container, shaped like hcsshim's cow.Process (seed 003) so the task state machine adapts
 * unchanged to io.hcs4j.cow once that module lands: stdio streams (null when not requested), stdin close,
 * console resize, kill/signal, and an exit future in place of Wait/ExitCode.
 */
public interface RuntimeProcess extends AutoCloseable {
    int pid();

    /** The process's stdin, or null. */
    OutputStream stdin();

    /** stdout (the console in terminal mode), or null. */
    InputStream stdout();

    /** stderr, or null (always null in terminal mode). */
    InputStream stderr();

    void closeStdin() throws IOException;

    void resizeConsole(int width, int height) throws IOException;

    /** Sends the given signal; false if the process had already exited. */
    boolean signal(int signal) throws IOException;

    /** Completes with the exit code once the process has exited (128+n for a process killed by signal n). */
    CompletableFuture<Integer> exit();

    /** Releases handles and streams; does not wait for the process. */
    @Override
    void close();
}
