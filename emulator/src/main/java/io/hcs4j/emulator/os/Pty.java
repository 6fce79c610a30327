package io.hcs4j.emulator.os;

import com.sun.jna.NativeLong;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
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
        int fd = Posix.C.posix_openpt(Posix.O_RDWR | Posix.O_NOCTTY | Posix.O_CLOEXEC);
        if (fd < 0) {
            throw new IOException("posix_openpt failed");
        }
        String name = Posix.C.grantpt(fd) == 0 && Posix.C.unlockpt(fd) == 0 ? Posix.C.ptsname(fd) : null;
        if (name == null) {
            Posix.C.close(fd);
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
        if (closed.get() || Posix.C.ioctl(master, new NativeLong(Posix.TIOCSWINSZ), new Posix.Winsize(rows, cols)) != 0) {
            throw new IOException("TIOCSWINSZ failed");
        }
    }

    /** What the process writes to its terminal. */
    public InputStream input() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                byte[] buf = off == 0 ? b : new byte[len];
                long n = closed.get() ? -1 : Posix.C.read(master, buf, new NativeLong(len)).longValue();
                if (n <= 0) {
                    // EIO: the last slave descriptor closed (the process and its children are gone).
                    return -1;
                }
                if (buf != b) {
                    System.arraycopy(buf, 0, b, off, (int) n);
                }
                return (int) n;
            }
        };
    }

    /** What the process reads from its terminal (typed input). */
    public OutputStream output() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                byte[] rest = Arrays.copyOfRange(b, off, off + len);
                while (rest.length > 0) {
                    long n = closed.get() ? -1 : Posix.C.write(master, rest, new NativeLong(rest.length)).longValue();
                    if (n <= 0) {
                        throw new IOException("the terminal is closed");
                    }
                    rest = Arrays.copyOfRange(rest, (int) n, rest.length);
                }
            }
        };
    }

    @Override
    public synchronized void close() {
        if (closed.compareAndSet(false, true)) {
            Posix.C.close(master);
        }
    }
}
