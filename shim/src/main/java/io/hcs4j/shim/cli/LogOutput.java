package io.hcs4j.shim.cli;

import com.sun.jna.NativeLong;
import io.hcs4j.platform.Connection;
import io.hcs4j.platform.posix.Libc;
import io.hcs4j.shim.ttrpc.transport.Listener;
import io.hcs4j.shim.ttrpc.transport.Transports;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Where the daemon's log lines go: containerd's log FIFO in the bundle (Linux; the daemon's stdout too, so a
 * SIGQUIT thread dump lands there) or the log pipe the shim serves (Windows). Writing never blocks the shim: the FIFO is opened O_RDWR|O_NONBLOCK, so a containerd that
 * is down or slow costs dropped lines, never a stalled task.
 */
final class LogOutput {
    private LogOutput() {
    }

    static PrintStream open(Path bundle, String namespace, String id) {
        OutputStream out = ShimAddress.windows() ? pipe(ShimAddress.logPipe(namespace, id)) : fifo(bundle.resolve("log"));
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }

    private static OutputStream fifo(Path path) {
        int fd = Libc.INSTANCE.open(path.toString(), Libc.O_RDWR | Libc.O_NONBLOCK);
        if (fd < 0) {
            return OutputStream.nullOutputStream();
        }
        // The JVM's own output (a SIGQUIT thread dump, a crash summary) goes to stdout: into the log too.
        Libc.INSTANCE.dup2(fd, 1);
        return new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                // EAGAIN (reader behind): the line is dropped
                Libc.INSTANCE.write(fd, ByteBuffer.wrap(b, off, len).slice(), new NativeLong(len));
            }

            @Override
            public void close() {
                Libc.INSTANCE.close(fd); // once: PrintStream closes its stream once and writes nothing after
            }
        };
    }

    /**
     * Stops logging to the current bundle's FIFO: a daemon waiting for its next pod holds no bundle's log open (so
     * containerd's reader of it sees end of file, as when a shim exits), and its own output goes to /dev/null.
     */
    static void detach() {
        PrintStream bundleLog = System.err;
        System.setErr(new PrintStream(OutputStream.nullOutputStream()));
        int devNull = Libc.INSTANCE.open("/dev/null", Libc.O_RDWR);
        if (devNull >= 0) {
            Libc.INSTANCE.dup2(devNull, 1);
            Libc.INSTANCE.close(devNull);
        }
        bundleLog.close();
    }

    /** The shim is the log pipe's server; containerd connects when it wants the log. */
    private static OutputStream pipe(String name) {
        Listener listener;
        try {
            listener = Transports.listen(name);
        } catch (IOException e) {
            return OutputStream.nullOutputStream();
        }
        Connection[] current = new Connection[1];
        Thread acceptor = new Thread(() -> {
            while (true) {
                try {
                    Connection c = listener.accept();
                    synchronized (current) {
                        if (current[0] != null) {
                            current[0].close();
                        }
                        current[0] = c;
                    }
                } catch (IOException e) {
                    return;
                }
            }
        }, "log-pipe-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (current) {
                    if (current[0] == null) {
                        return;
                    }
                    try {
                        current[0].output().write(b, off, len);
                    } catch (IOException e) {
                        current[0].close();
                        current[0] = null;
                    }
                }
            }
        };
    }
}
