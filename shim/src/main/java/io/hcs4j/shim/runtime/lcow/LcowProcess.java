package io.hcs4j.shim.runtime.lcow;

import io.hcs4j.cow.SignalOptions;
import io.hcs4j.shim.runtime.RuntimeProcess;
import io.hcs4j.uvm.guest.GuestProcess;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process in a guest container. The guest holds a process's exit code back until the host has closed its
 * ends of stdout and stderr, so each output stream closes its end as soon as it has been read to the end.
 */
final class LcowProcess implements RuntimeProcess {
    private static final Logger log = LoggerFactory.getLogger(LcowProcess.class);
    private static final int SIGKILL = 9;

    private final GuestProcess process;
    private final InputStream stdout;
    private final InputStream stderr;

    LcowProcess(GuestProcess process) {
        this.process = process;
        this.stdout = closingAtEnd(process.stdout(), process::closeStdout);
        this.stderr = closingAtEnd(process.stderr(), process::closeStderr);
    }

    @Override
    public int pid() {
        return process.pid();
    }

    @Override
    public OutputStream stdin() {
        return process.stdin();
    }

    @Override
    public InputStream stdout() {
        return stdout;
    }

    @Override
    public InputStream stderr() {
        return stderr;
    }

    @Override
    public void closeStdin() throws IOException {
        process.closeStdin();
    }

    @Override
    public void resizeConsole(int width, int height) throws IOException {
        process.resizeConsole(width, height);
    }

    /** SIGKILL is the guest's default signal; any other goes by number. */
    @Override
    public boolean signal(int signal) throws IOException {
        if (signal == SIGKILL) {
            return process.kill();
        }
        try {
            return process.signal(SignalOptions.linux(signal));
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The guest's exit code (128+n after signal n); fails when the utility VM or its bridge went away. */
    @Override
    public CompletableFuture<Integer> exit() {
        return process.exit();
    }

    @Override
    public void close() {
        process.close();
    }

    private interface Closer {
        void close() throws IOException;
    }

    private static InputStream closingAtEnd(InputStream in, Closer closer) {
        if (in == null) {
            return null;
        }
        AtomicBoolean closed = new AtomicBoolean();
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n;
                try {
                    n = in.read(b, off, len);
                } catch (IOException e) {
                    end();
                    throw e;
                }
                if (n < 0) {
                    end();
                }
                return n;
            }

            @Override
            public void close() {
                end();
            }

            private void end() {
                if (closed.compareAndSet(false, true)) {
                    try {
                        closer.close();
                    } catch (IOException e) {
                        log.debug("closing a guest stdio stream: {}", e.getMessage());
                    }
                }
            }
        };
    }
}
