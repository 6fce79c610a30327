package io.hcs4j.emulator.guest.runtime;

import io.hcs4j.emulator.os.Pty;
import io.hcs4j.hcs.raw.HResults;
import io.hcs4j.platform.posix.DescriptorSocket;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * A process on a terminal the runtime made: the runtime sends the master over a console socket
 * ({@link DescriptorSocket}, runc's {@code --console-socket}); the host's stdin is typed into it and what the
 * process writes goes to the host's stdout (a terminal has no separate stderr).
 */
public final class TtyRelay implements StdioRelay {
    private static final int RECEIVE_TIMEOUT_MS = 10_000;

    private final DescriptorSocket socket;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile Pty pty;
    private boolean connected;

    private TtyRelay(DescriptorSocket socket) {
        this.socket = socket;
    }

    public static TtyRelay listen(Path socketPath) throws IOException {
        return new TtyRelay(DescriptorSocket.listen(socketPath));
    }

    public Path socketPath() {
        return socket.path();
    }

    /** Takes the master the runtime sent (after the command given {@link #socketPath} has succeeded). */
    public void receive(int cols, int rows) throws IOException {
        try {
            pty = Pty.ofMaster(socket.receive(RECEIVE_TIMEOUT_MS));
        } finally {
            socket.close();
        }
        if (cols > 0 && rows > 0) {
            pty.resize(cols, rows);
        }
    }

    @Override
    public synchronized void connect(Stdio stdio) {
        if (connected) {
            return;
        }
        connected = true;
        Pty p = pty;
        String name = "tty-" + Integer.toHexString(System.identityHashCode(this));
        if (stdio.in() != null) {
            Relays.in(name + "-in", stdio.in(), p.output());
        }
        if (stdio.err() != null) {
            stdio.err().close();
        }
        Relays.out(name + "-out", p.input(), stdio.out()).whenComplete((v, e) -> {
            p.close();
            done.complete(null);
        });
    }

    @Override
    public CompletableFuture<Void> done() {
        return done;
    }

    @Override
    public void resize(int cols, int rows) throws RuntimeError {
        try {
            pty.resize(cols, rows);
        } catch (IOException e) {
            throw new RuntimeError(HResults.E_FAIL, e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        socket.close();
        if (!connected) {
            connected = true;
            if (pty != null) {
                pty.close();
            }
            done.complete(null);
        }
    }
}
