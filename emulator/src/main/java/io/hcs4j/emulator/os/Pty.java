package io.hcs4j.emulator.os;

import com.sun.jna.NativeLong;
import io.hcs4j.platform.Streams;
import io.hcs4j.platform.posix.Libc;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A pseudo-terminal master (posix_openpt). {@link #start} runs a process in a new session with the slave as its
 * controlling terminal and stdin/stdout/stderr; the owner relays the master. Reading ends (-1) once every slave
 * descriptor is closed, that is once the process and everything it started that kept the terminal are gone.
 */
public final class Pty implements AutoCloseable {
    private final int master;
    private final String slave;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Pty(int master, String slave) {
        this.master = master;
        this.slave = slave;
    }

    /** A new terminal of {@code cols} x {@code rows}; zero or negative sizes leave the kernel's default (0 x 0). */
    public static Pty open(int cols, int rows) throws IOException {
        int fd = Libc.INSTANCE.posix_openpt(Libc.O_RDWR | Libc.O_NOCTTY | Libc.O_CLOEXEC);
        if (fd < 0) {
            throw new IOException("posix_openpt failed");
        }
        String name = Libc.INSTANCE.grantpt(fd) == 0 && Libc.INSTANCE.unlockpt(fd) == 0 ? Libc.INSTANCE.ptsname(fd) : null;
        if (name == null) {
            Libc.INSTANCE.close(fd);
            throw new IOException("cannot unlock the pseudo-terminal");
        }
        Pty pty = new Pty(fd, name);
        if (cols > 0 && rows > 0) {
            try {
                pty.resize(cols, rows);
            } catch (IOException e) {
                pty.close();
                throw e;
            }
        }
        return pty;
    }

    /** A terminal whose master another process opened and handed over (runc's console socket); no slave path. */
    public static Pty ofMaster(int master) {
        return new Pty(master, null);
    }

    public String slavePath() {
        return slave;
    }

    /**
     * Starts {@code pb}'s command on this terminal, in a new session (its pid is the session and process group id):
     * a shell opens the slave as stdin/stdout/stderr and execs util-linux {@code setsid -c}, which makes it the
     * controlling terminal. The JVM itself never opens the slave, so it can never become the JVM's controlling
     * terminal, and the pid stays the command's (every step execs in place). Replaces the builder's command and
     * redirects.
     */
    public Process start(ProcessBuilder pb) throws IOException {
        pb.command(Sessions.onTerminal(pb.command(), slave));
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        return pb.start();
    }

    /** Sets the window size; the kernel tells the foreground process group (SIGWINCH). */
    public synchronized void resize(int cols, int rows) throws IOException {
        if (closed.get() || Libc.INSTANCE.ioctl(master, new NativeLong(Libc.TIOCSWINSZ), new Libc.Winsize(rows, cols)) != 0) {
            throw new IOException("TIOCSWINSZ failed");
        }
    }

    /** What the process writes to its terminal. */
    public InputStream input() {
        return Streams.input(this::read, () -> { });
    }

    /** What the process reads from its terminal (typed input). */
    public OutputStream output() {
        return Streams.output(this::write, () -> { });
    }

    private int read(ByteBuffer dst) {
        long n = closed.get() ? -1 : Libc.INSTANCE.read(master, dst, new NativeLong(dst.remaining())).longValue();
        // EIO: the last slave descriptor closed (the process and its children are gone).
        return n <= 0 ? -1 : (int) n;
    }

    private int write(ByteBuffer src) throws IOException {
        long n = closed.get() ? -1 : Libc.INSTANCE.write(master, src, new NativeLong(src.remaining())).longValue();
        if (n <= 0) {
            throw new IOException("the terminal is closed");
        }
        return (int) n;
    }

    @Override
    public synchronized void close() {
        if (closed.compareAndSet(false, true)) {
            Libc.INSTANCE.close(master);
        }
    }
}
