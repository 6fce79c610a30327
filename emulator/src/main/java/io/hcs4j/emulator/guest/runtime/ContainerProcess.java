package io.hcs4j.emulator.guest.runtime;

import java.util.concurrent.CompletableFuture;

/** A process a runtime started in a container (the seeds' Process): a container's init or an exec. */
public interface ContainerProcess {
    /** The process's pid in the agent's PID namespace. */
    int pid();

    /** Completes with the exit code when the process has ended (128 + n for signal n). */
    CompletableFuture<Integer> exited();

    /** The relay between the process's stdio and the host's connections. */
    StdioRelay relay();

    /** Releases what the runtime keeps for the process once its exit has been delivered. */
    void delete() throws RuntimeError;
}
