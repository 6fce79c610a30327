package io.hcs4j.emulator.guest.runtime;

import java.util.concurrent.CompletableFuture;

/**
 * Relays a container process's stdio to the host's connections: over pipes ({@link PipeRelay}) or a terminal
 * ({@link TtyRelay}); the seeds' PipeRelay and TtyRelay behind one type.
 */
public interface StdioRelay {
    /** Connects the process's stdio to the host's connections and starts relaying; once. */
    void connect(Stdio stdio);

    /** Completes when the process's output has all gone to the host and the host has closed stdout and stderr. */
    CompletableFuture<Void> done();

    /** Resizes the terminal; {@link RuntimeError} when the process has none. */
    void resize(int cols, int rows) throws RuntimeError;

    /** Releases the relay's descriptors without relaying (the process never started). */
    void close();
}
