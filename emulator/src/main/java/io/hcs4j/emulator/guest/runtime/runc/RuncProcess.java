package io.hcs4j.emulator.guest.runtime.runc;

import io.hcs4j.emulator.guest.runtime.ContainerProcess;
import io.hcs4j.emulator.guest.runtime.PipeRelay;
import io.hcs4j.emulator.guest.runtime.Reaper;
import io.hcs4j.emulator.guest.runtime.RuntimeError;
import io.hcs4j.emulator.guest.runtime.Stdio;
import io.hcs4j.emulator.guest.runtime.StdioRelay;
import io.hcs4j.emulator.guest.runtime.TtyRelay;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** An exec runc started in a container; also how a container's init and execs are started. */
final class RuncProcess implements ContainerProcess {
    private static final long EXEC_WAIT_MILLIS = 2000;
    private final Started started;

    RuncProcess(Started started) {
        this.started = started;
    }

    /** A process runc has made: its pid, its relay, its exit as the reaper reports it. */
    record Started(int pid, StdioRelay relay, CompletableFuture<Integer> exited) {
    }

    /**
     * Runs {@code runc <args...> [--console-socket S] <id>}, which must write the process's pid to the file after
     * {@code --pid-file}; the process's stdio are pipes (for the streams {@code stdio} connects; all of them for
     * {@link Stdio#NONE}), or a terminal whose master runc sends.
     */
    static Started start(Runc runc, String id, List<String> args, io.hcs4j.schema.oci.Process process, Stdio stdio)
            throws RuntimeError {
        Path pidFile = Path.of(args.get(args.indexOf("--pid-file") + 1));
        List<String> command = new ArrayList<>(args);
        StdioRelay relay = null;
        try {
            if (process.terminal) {
                TtyRelay tty = TtyRelay.listen(runc.workFile("console-", ".sock"));
                relay = tty;
                command.addAll(List.of("--console-socket", tty.socketPath().toString(), id));
                runc.start(command, new File("/dev/null"), new File("/dev/null"), new File("/dev/null"));
                int cols = process.consoleSize == null ? 0 : (int) process.consoleSize.width;
                int rows = process.consoleSize == null ? 0 : (int) process.consoleSize.height;
                tty.receive(cols, rows);
            } else {
                // The init's connections come at start: all its streams are piped.
                PipeRelay pipes = stdio == Stdio.NONE ? PipeRelay.open(true, true, true) : PipeRelay.open(stdio);
                relay = pipes;
                command.add(id);
                try {
                    runc.start(command, pipes.processStdin(), pipes.processStdout(), pipes.processStderr());
                } finally {
                    pipes.closeProcessEnds();
                }
            }
        } catch (IOException | RuntimeError e) {
            if (relay != null) {
                relay.close();
            }
            throw e instanceof RuntimeError r ? r : RuntimeError.failed("runc " + args.get(0) + " " + id + ": "
                    + e.getMessage());
        }
        return started(relay, pidFile);
    }

    private static Started started(StdioRelay relay, Path pidFile) throws RuntimeError {
        try {
            int pid = Integer.parseInt(Files.readString(pidFile).strip());
            return new Started(pid, relay, Reaper.watch(pid));
        } catch (IOException | NumberFormatException e) {
            relay.close();
            throw RuntimeError.failed("runc wrote no pid to " + pidFile + ": " + e.getMessage());
        }
    }

    /**
     * Waits (briefly) until runc's init stage of {@code pid} has exec'd the container's program: runc's exec and
     * start return before that, and the host, which hears of the process then, expects to find it running its own
     * program. Gives up after {@link #EXEC_WAIT_MILLIS} or when the process is gone.
     */
    static void awaitExecd(int pid) {
        Path comm = Path.of("/proc", Integer.toString(pid), "comm");
        long deadline = System.nanoTime() + EXEC_WAIT_MILLIS * 1_000_000L;
        try {
            while (Files.readString(comm).startsWith("runc:[") && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(500_000L);
            }
        } catch (IOException gone) {
            // It has ended already.
        }
    }

    @Override
    public int pid() {
        return started.pid();
    }

    @Override
    public CompletableFuture<Integer> exited() {
        return started.exited();
    }

    @Override
    public StdioRelay relay() {
        return started.relay();
    }

    /** runc keeps nothing of an exec once it has started; the relay closes itself at the process's end. */
    @Override
    public void delete() {
    }
}
