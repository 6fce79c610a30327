package io.hcs4j.shim.runtime.host;

import io.hcs4j.shim.os.Libc;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;

/** A pseudo-terminal pair: the shim keeps the master, the process gets the slave as its console. */
final class Pty implements AutoCloseable {
    private static final int EIO = 5;
    private static final int EINTR = 4;
    private final int master;
    private final String slavePath;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Pty(int master, String slavePath) {
        this.master = master;
        this.slavePath = slavePath;
    }

    static Pty open() throws IOException {
        Libc libc = Libc.INSTANCE;
        int fd = libc.posix_openpt(Libc.O_RDWR | Libc.O_NOCTTY);
        if (fd < 0) {
            throw new IOException("posix_openpt failed: errno " + Native.getLastError());
        }
        String name = null;
        if (libc.grantpt(fd) == 0 && libc.unlockpt(fd) == 0) {
            name = libc.ptsname(fd);
        }
        if (name == null) {
            int errno = Native.getLastError();
            libc.close(fd);
            throw new IOException("cannot prepare pseudo-terminal: errno " + errno);
        }
        return new Pty(fd, name);
    }

    String slavePath() {
        return slavePath;
    }

    void resize(int width, int height) throws IOException {
        Memory winsize = new Memory(8);
        winsize.setShort(0, (short) height);
        winsize.setShort(2, (short) width);
        winsize.setShort(4, (short) 0);
        winsize.setShort(6, (short) 0);
        if (Libc.INSTANCE.ioctl(master, Libc.TIOCSWINSZ, winsize) != 0) {
            throw new IOException("TIOCSWINSZ failed: errno " + Native.getLastError());
        }
    }

    /** Console output; EIO (every slave closed) reads as end of stream. */
    InputStream input() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (closed.get()) {
                    return -1;
                }
                byte[] buf = off == 0 ? b : new byte[len];
                while (true) {
                    long n = Libc.INSTANCE.read(master, buf, len);
                    if (n > 0) {
                        if (buf != b) {
                            System.arraycopy(buf, 0, b, off, (int) n);
                        }
                        return (int) n;
                    }
                    if (n == 0) {
                        return -1;
                    }
                    int errno = Native.getLastError();
                    if (errno == EINTR) {
                        continue;
                    }
                    if (errno == EIO || closed.get()) {
                        return -1;
                    }
                    throw new IOException("pty read failed: errno " + errno);
                }
            }
        };
    }

    /** Console input. */
    OutputStream output() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                byte[] buf = java.util.Arrays.copyOfRange(b, off, off + len);
                int done = 0;
                while (done < len) {
                    byte[] rest = done == 0 ? buf : java.util.Arrays.copyOfRange(buf, done, len);
                    long n = Libc.INSTANCE.write(master, rest, rest.length);
                    if (n < 0) {
                        int errno = Native.getLastError();
                        if (errno == EINTR) {
                            continue;
                        }
                        throw new IOException("pty write failed: errno " + errno);
                    }
                    done += (int) n;
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
