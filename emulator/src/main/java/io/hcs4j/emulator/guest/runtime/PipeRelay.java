package io.hcs4j.emulator.guest.runtime;

import io.hcs4j.hcs.raw.HResults;
import io.hcs4j.platform.posix.Posix;

import java.io.Closeable;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Pipes between a process and the agent, one per stream asked for (the others are /dev/null to the process). The
 * process's ends are handed to the command that starts it (as files: /proc/self/fd/N, which a ProcessBuilder opens
 * as the child's stdio) and closed here once it has them; the agent's ends are relayed to the host on
 * {@link #connect}. A piped output the host did not connect is drained and an unconnected stdin is closed, so the
 * process sees end of file.
 */
public final class PipeRelay implements StdioRelay {
    private static final File DEV_NULL = new File("/dev/null");

    /** {read end, write end} per stream, null for a stream without a pipe. */
    private final int[] in;
    private final int[] out;
    private final int[] err;
    private final FileOutputStream toStdin;
    private final FileInputStream fromStdout;
    private final FileInputStream fromStderr;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private boolean processEndsClosed;
    private boolean connected;

    private PipeRelay(int[] in, int[] out, int[] err) throws IOException {
        this.in = in;
        this.out = out;
        this.err = err;
        // The streams hold their own descriptors; the raw ones of the agent's side are closed at once.
        this.toStdin = in == null ? null : new FileOutputStream(fd(in[1]));
        this.fromStdout = out == null ? null : new FileInputStream(fd(out[0]));
        this.fromStderr = err == null ? null : new FileInputStream(fd(err[0]));
        closeRaw(in, 1);
        closeRaw(out, 0);
        closeRaw(err, 0);
    }

    /** Pipes for the streams asked for; the init's are all piped, as its connections come later. */
    public static PipeRelay open(boolean stdin, boolean stdout, boolean stderr) throws IOException {
        List<int[]> made = new ArrayList<>();
        try {
            int[] in = stdin ? pipe(made) : null;
            int[] out = stdout ? pipe(made) : null;
            int[] err = stderr ? pipe(made) : null;
            return new PipeRelay(in, out, err);
        } catch (IOException | RuntimeException e) {
            made.forEach(p -> {
                Posix.close(p[0]);
                Posix.close(p[1]);
            });
            throw e;
        }
    }

    /** Pipes for the streams the host connected. */
    public static PipeRelay open(Stdio stdio) throws IOException {
        return open(stdio.in() != null, stdio.out() != null, stdio.err() != null);
    }

    private static int[] pipe(List<int[]> made) {
        int[] p = Posix.pipe();
        made.add(p);
        return p;
    }

    private static File fd(int fd) {
        return new File("/proc/self/fd/" + fd);
    }

    private static void closeRaw(int[] pipe, int end) {
        if (pipe != null) {
            Posix.close(pipe[end]);
        }
    }

    /** The process's stdin, as a file to open. */
    public File processStdin() {
        return in == null ? DEV_NULL : fd(in[0]);
    }

    public File processStdout() {
        return out == null ? DEV_NULL : fd(out[1]);
    }

    public File processStderr() {
        return err == null ? DEV_NULL : fd(err[1]);
    }

    /** Once the process (or the command starting it) holds its ends: only it keeps them open. */
    public synchronized void closeProcessEnds() {
        if (!processEndsClosed) {
            processEndsClosed = true;
            closeRaw(in, 0);
            closeRaw(out, 1);
            closeRaw(err, 1);
        }
    }

    @Override
    public synchronized void connect(Stdio stdio) {
        if (connected) {
            return;
        }
        connected = true;
        String name = "relay-" + Integer.toHexString(System.identityHashCode(this));
        if (toStdin != null && stdio.in() != null) {
            Relays.in(name + "-stdin", stdio.in(), toStdin);
        } else {
            closeQuietly(toStdin);
        }
        CompletableFuture.allOf(relayOut(name + "-stdout", fromStdout, stdio.out()),
                relayOut(name + "-stderr", fromStderr, stdio.err())).whenComplete((v, e) -> done.complete(null));
    }

    private static CompletableFuture<Void> relayOut(String name, FileInputStream fromProcess,
                                                    io.hcs4j.platform.Connection socket) {
        if (fromProcess == null) {
            if (socket != null) {
                socket.close();
            }
            return CompletableFuture.completedFuture(null);
        }
        return Relays.out(name, fromProcess, socket);
    }

    @Override
    public CompletableFuture<Void> done() {
        return done;
    }

    @Override
    public void resize(int cols, int rows) throws RuntimeError {
        throw new RuntimeError(HResults.V1_INVALID_STATE, "the process has no terminal");
    }

    @Override
    public synchronized void close() {
        closeProcessEnds();
        if (!connected) {
            connected = true;
            closeQuietly(toStdin);
            closeQuietly(fromStdout);
            closeQuietly(fromStderr);
            done.complete(null);
        }
    }

    private static void closeQuietly(Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException e) {
            // Nothing to release any more.
        }
    }
}
