package io.hcs4j.cow.hcs;

import io.hcs4j.cow.Process;
import io.hcs4j.cow.SignalOptions;
import io.hcs4j.hcs.HcsException;
import io.hcs4j.hcs.HcsProcess;
import io.hcs4j.schema.guest.SignalProcessOptionsWCOW;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;

/** A cow {@link Process} over an HCS process of a Windows container or compute system. */
public final class HcsCowProcess implements Process {
    private final HcsProcess process;

    HcsCowProcess(HcsProcess process) {
        this.process = process;
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
        return process.stdout();
    }

    @Override
    public InputStream stderr() {
        return process.stderr();
    }

    @Override
    public void closeStdin() throws IOException {
        try {
            process.closeStdin();
        } catch (HcsException e) {
            if (!e.isAlreadyStopped() && !e.isNotFound()) {
                throw e;
            }
        }
    }

    @Override
    public void closeStdout() throws IOException {
        if (process.stdout() != null) {
            process.stdout().close();
        }
    }

    @Override
    public void closeStderr() throws IOException {
        if (process.stderr() != null) {
            process.stderr().close();
        }
    }

    @Override
    public void resizeConsole(int width, int height) throws IOException {
        process.resizeConsole(width, height);
    }

    /** Terminates the process (Windows has no SIGKILL: HcsTerminateProcess is its equivalent). */
    @Override
    public boolean kill() throws IOException {
        try {
            process.terminate();
            return true;
        } catch (HcsException e) {
            if (e.isAlreadyStopped() || e.isNotFound()) {
                return false;
            }
            throw e;
        }
    }

    /** Windows processes take console control events (or {@link SignalOptions.Kill}); a Linux signal is refused. */
    @Override
    public boolean signal(SignalOptions options) throws IOException {
        if (options instanceof SignalOptions.Kill) {
            return kill();
        }
        if (!(options instanceof SignalOptions.Windows windows)) {
            throw new IllegalArgumentException("a Windows process takes a console control event, not " + options);
        }
        SignalProcessOptionsWCOW o = new SignalProcessOptionsWCOW();
        o.signal = windows.signal();
        try {
            process.signal(o);
            return true;
        } catch (HcsException e) {
            if (e.isAlreadyStopped() || e.isNotFound()) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public CompletableFuture<Integer> exit() {
        return process.exitCode();
    }

    @Override
    public void close() {
        process.close();
    }

    @Override
    public String toString() {
        return process.toString();
    }
}
