package io.hcs4j.emulator.guest;

import io.hcs4j.emulator.guest.runtime.Relays;
import io.hcs4j.emulator.os.Pty;
import io.hcs4j.hcs.raw.HResults;
import io.hcs4j.platform.Connection;
import io.hcs4j.platform.posix.Posix;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A process the guest runs, with its stdio relayed over the hvsockets the guest dialled. Like the reference
 * GCS, the exit code is released only once the process has exited and the host has closed its ends of
 * stdout and stderr.
 */
final class AgentProcess {
    private final Process process;
    private final CompletableFuture<Void> outputDone;
    private final Pty pty;

    /** The init of the PID namespace this process is the parent of, 0 when it is not one. */
    private volatile long namespaceInit;

    private AgentProcess(Process process, CompletableFuture<Void> outputDone, Pty pty) {
        this.process = process;
        this.outputDone = outputDone;
        this.pty = pty;
    }

    static AgentProcess start(List<String> command, Map<String, String> env, Path cwd, Connection stdin,
                              Connection stdout, Connection stderr) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null")) : ProcessBuilder.Redirect.PIPE);
        pb.redirectOutput(stdout == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.PIPE);
        pb.redirectError(stderr == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.PIPE);
        Process process = pb.start();
        String name = "pid-" + process.pid();
        if (stdin != null) {
            Relays.in(name + "-stdin", stdin, process.getOutputStream());
        }
        CompletableFuture<Void> out = stdout == null ? CompletableFuture.completedFuture(null)
                : Relays.out(name + "-stdout", process.getInputStream(), stdout);
        CompletableFuture<Void> err = stderr == null ? CompletableFuture.completedFuture(null)
                : Relays.out(name + "-stderr", process.getErrorStream(), stderr);
        return new AgentProcess(process, CompletableFuture.allOf(out, err), null);
    }

    /**
     * Starts a process on a new pseudo-terminal (its controlling terminal, in a new session):
     * stdin, stdout and stderr are the terminal, relayed over the stdin and stdout sockets.
     */
    static AgentProcess startWithTerminal(List<String> command, Map<String, String> env, Path cwd,
                                          Connection stdin, Connection stdout,
                                          int cols, int rows) throws IOException {
        Pty pty = Pty.open(cols, rows);
        Process process;
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
            pb.environment().clear();
            pb.environment().putAll(env);
            process = pty.start(pb);
        } catch (IOException e) {
            pty.close();
            throw e;
        }
        String name = "pid-" + process.pid() + "-tty";
        if (stdin != null) {
            Relays.in(name + "-in", stdin, pty.output());
        }
        CompletableFuture<Void> out = Relays.out(name + "-out", pty.input(), stdout);
        CompletableFuture.allOf(process.onExit(), out).whenComplete((v, e) -> pty.close());
        return new AgentProcess(process, out, pty);
    }

    /** Resizes the process's terminal; {@link GuestError} when it has none. */
    void resize(int cols, int rows) throws GuestError {
        if (pty == null) {
            throw new GuestError(HResults.V1_INVALID_STATE, "process " + pid() + " has no terminal");
        }
        try {
            pty.resize(cols, rows);
        } catch (IOException e) {
            throw new GuestError(HResults.E_FAIL, e.getMessage());
        }
    }

    /**
     * The process started is the parent of a PID namespace's init (see {@link GuestRuntime}): that child, once
     * forked, is the process the container sees and signals go to. Java has no event for a child's fork, so
     * this looks for it until it appears, the parent exits, or {@code timeoutMillis} pass.
     */
    void followNamespaceInit(long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (process.isAlive() && System.nanoTime() < deadline) {
            java.util.Optional<ProcessHandle> child = process.toHandle().children().findFirst();
            if (child.isPresent()) {
                namespaceInit = child.get().pid();
                return;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(500_000L);
        }
    }

    /** The process's pid; for a PID namespace's parent, its init's (the pid the container has outside). */
    int pid() {
        long init = namespaceInit;
        return (int) (init > 0 ? init : process.pid());
    }

    boolean isAlive() {
        return process.isAlive();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    /** The exit code, once the process has exited and the host has closed stdout and stderr. */
    CompletableFuture<Integer> released() {
        return exitCode().thenCombine(outputDone, (code, v) -> code);
    }

    /** The exit code, when the process has exited. */
    CompletableFuture<Integer> exitCode() {
        return process.onExit().thenApply(Process::exitValue);
    }

    /** Completes when the process's output has gone to the host and the host has closed stdout and stderr. */
    CompletableFuture<Void> outputDone() {
        return outputDone;
    }

    CompletableFuture<Process> exited() {
        return process.onExit();
    }

    /** Sends a signal; {@link GuestError} 0x80070490 when the process has already exited. */
    void signal(int signal) throws GuestError {
        if (!process.isAlive() || !Posix.kill(pid(), signal)) {
            throw GuestError.of(HResults.E_ELEMENT_NOT_FOUND);
        }
    }

    void kill() {
        long init = namespaceInit;
        if (init > 0) {
            Posix.kill(init, 9);
        }
        process.destroyForcibly();
    }
}
