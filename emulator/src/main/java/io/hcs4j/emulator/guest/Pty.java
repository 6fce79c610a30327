package io.hcs4j.emulator.guest;

import com.sun.jna.NativeLong;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A pseudo-terminal master (posix_openpt). The process opens the slave by its path as stdin/stdout/stderr;
 * the guest relays the master. Reading ends (-1) once every slave descriptor is closed.
 */
final class Pty implements AutoCloseable {
    private final int master;
    private final String slave;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Pty(int master, String slave) {
        this.master = master;
        this.slave = slave;
    }

    static Pty open(int cols, int rows) throws IOException {
        Libc libc = Libc.INSTANCE;
        int fd = libc.posix_openpt(Libc.O_RDWR | Libc.O_NOCTTY);
        if (fd < 0) {
            throw new IOException("posix_openpt failed");
        }
        String name = libc.grantpt(fd) == 0 && libc.unlockpt(fd) == 0 ? libc.ptsname(fd) : null;
        if (name == null) {
            libc.close(fd);
            throw new IOException("cannot unlock the pseudo-terminal");
        }
        Pty pty = new Pty(fd, name);
        if (cols > 0 && rows > 0) {
            pty.resize(cols, rows);
        }
        return pty;
    }

    String slavePath() {
        return slave;
    }

    /** Sets the window size; the kernel tells the foreground process group (SIGWINCH). */
    void resize(int cols, int rows) throws IOException {
        if (Libc.INSTANCE.ioctl(master, new NativeLong(Libc.TIOCSWINSZ), new Libc.Winsize(rows, cols)) != 0) {
            throw new IOException("TIOCSWINSZ failed");
        }
    }

    InputStream input() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                byte[] buf = off == 0 ? b : new byte[len];
                long n = closed.get() ? -1 : Libc.INSTANCE.read(master, buf, new NativeLong(len)).longValue();
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

    OutputStream output() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                byte[] rest = java.util.Arrays.copyOfRange(b, off, off + len);
                while (rest.length > 0) {
                    long n = closed.get() ? -1 : Libc.INSTANCE.write(master, rest, new NativeLong(rest.length)).longValue();
                    if (n <= 0) {
                        throw new IOException("the terminal is closed");
                    }
                    rest = java.util.Arrays.copyOfRange(rest, (int) n, rest.length);
                }
            }
        };
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            Libc.INSTANCE.close(master);
        }
    }
}
