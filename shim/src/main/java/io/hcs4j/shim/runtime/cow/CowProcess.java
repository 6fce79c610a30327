package io.hcs4j.shim.runtime.cow;

import io.hcs4j.cow.Process;
import io.hcs4j.cow.SignalOptions;
import io.hcs4j.schema.guest.SignalValueWCOW;
import io.hcs4j.shim.runtime.RuntimeProcess;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;

/**
 * A cow process (in a utility VM's guest, or an HCS container) adapted to the task state machine. A Linux
 * guest holds back the exit code until the host has closed its ends of stdout and stderr, so each stream
 * closes its connection as soon as it reads to the end. Signals are Linux numbers; for a Windows process
 * SIGKILL terminates it and SIGINT, SIGTERM, SIGHUP become console control events, as runhcs maps them.
 */
public final class CowProcess implements RuntimeProcess {
    private final Process process;
    private final boolean windows;
    private final InputStream stdout;
    private final InputStream stderr;

    public CowProcess(Process process, boolean windows) {
        this.process = process;
        this.windows = windows;
        this.stdout = closingAtEnd(process.stdout(), process::closeStdout);
        this.stderr = closingAtEnd(process.stderr(), process::closeStderr);
    }

    private interface Closer {
        void close() throws IOException;
    }

    private static InputStream closingAtEnd(InputStream in, Closer closer) {
        if (in == null) {
            return null;
        }
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b < 0) {
                    closer.close();
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n;
                try {
                    n = super.read(buf, off, len);
                } catch (IOException e) {
                    closer.close();
                    throw e;
                }
                if (n < 0) {
                    closer.close();
                }
                return n;
            }
        };
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

    @Override
    public boolean signal(int signal) throws IOException {
        if (!windows) {
            return process.signal(SignalOptions.linux(signal));
        }
        return switch (signal) {
            case 9 -> process.kill();
            case 2 -> process.signal(SignalOptions.windows(SignalValueWCOW.CTRL_C));
            case 15 -> process.signal(SignalOptions.windows(SignalValueWCOW.CTRL_SHUTDOWN));
            case 1 -> process.signal(SignalOptions.windows(SignalValueWCOW.CTRL_CLOSE));
            default -> throw new UnsupportedOperationException("signal " + signal
                    + " has no Windows equivalent (use KILL, TERM, INT or HUP)");
        };
    }

    @Override
    public CompletableFuture<Integer> exit() {
        return process.exit();
    }

    @Override
    public void close() {
        try {
            process.close();
        } catch (IOException ignored) {
            // stdio connections only
        }
    }
}
