package io.hcs4j.shim.runtime.host;

import io.hcs4j.shim.os.Libc;
import com.sun.jna.Native;
import io.hcs4j.shim.runtime.ProcessSpec;
import io.hcs4j.shim.runtime.RuntimeProcess;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A real host process confined to the container's rootfs: {@code setsid [-c] chroot [--userspec] ROOT argv}.
 * setsid makes it a session and process-group leader (so signals, pause and kill-all reach its children
 * through the group) and, with a terminal, gives it the pty slave as controlling terminal.
 */
final class HostProcess implements RuntimeProcess {
    private static final int ESRCH = 3;
    private final Process process;
    private final Pty pty;
    private final CompletableFuture<Integer> exit;

    private HostProcess(Process process, Pty pty) {
        this.process = process;
        this.pty = pty;
        this.exit = process.onExit().thenApply(Process::exitValue);
    }

    static HostProcess start(Path rootfs, ProcessSpec spec) throws IOException {
        if (spec.args().isEmpty()) {
            throw new IllegalArgumentException("process args must not be empty");
        }
        List<String> command = new ArrayList<>();
        command.add("setsid");
        if (spec.terminal()) {
            command.add("-c");
        }
        command.add("chroot");
        if (spec.uid() != 0 || spec.gid() != 0) {
            command.add("--userspec=" + spec.uid() + ":" + spec.gid());
        }
        command.add(rootfs.toString());
        command.addAll(spec.args());
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().clear();
        for (String kv : spec.env()) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                pb.environment().put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        // chroot keeps the working directory, so starting inside ROOT/cwd lands the process in cwd.
        String cwd = spec.cwd() == null || spec.cwd().isEmpty() ? "/" : spec.cwd();
        File dir = rootfs.resolve(cwd.substring(1)).toFile();
        pb.directory(dir.isDirectory() ? dir : rootfs.toFile());
        Pty pty = null;
        try {
            if (spec.terminal()) {
                pty = Pty.open();
                if (spec.consoleWidth() > 0 && spec.consoleHeight() > 0) {
                    pty.resize(spec.consoleWidth(), spec.consoleHeight());
                }
                File slave = new File(pty.slavePath());
                pb.redirectInput(slave).redirectOutput(slave).redirectError(slave);
            } else {
                if (!spec.stdin()) {
                    pb.redirectInput(new File("/dev/null"));
                }
                if (!spec.stdout()) {
                    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
                }
                if (!spec.stderr()) {
                    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
                }
            }
            return new HostProcess(pb.start(), pty);
        } catch (IOException | RuntimeException e) {
            if (pty != null) {
                pty.close();
            }
            throw e;
        }
    }

    @Override
    public int pid() {
        return (int) process.pid();
    }

    @Override
    public OutputStream stdin() {
        return pty != null ? pty.output() : process.getOutputStream();
    }

    @Override
    public InputStream stdout() {
        return pty != null ? pty.input() : process.getInputStream();
    }

    @Override
    public InputStream stderr() {
        return pty != null ? null : process.getErrorStream();
    }

    @Override
    public void closeStdin() throws IOException {
        if (pty != null) {
            // A console has no separate stdin: send EOF (^D) the way a terminal user would.
            pty.output().write(4);
        } else {
            process.getOutputStream().close();
        }
    }

    @Override
    public void resizeConsole(int width, int height) throws IOException {
        if (pty == null) {
            throw new IllegalStateException("process " + pid() + " has no terminal");
        }
        pty.resize(width, height);
    }

    @Override
    public boolean signal(int signal) throws IOException {
        if (!process.isAlive()) {
            return false;
        }
        // The whole process group: the process and whatever it started.
        if (Libc.INSTANCE.kill(-pid(), signal) != 0) {
            int errno = Native.getLastError();
            if (errno == ESRCH) {
                return Libc.INSTANCE.kill(pid(), signal) == 0;
            }
            throw new IOException("kill(" + pid() + ", " + signal + ") failed: errno " + errno);
        }
        return true;
    }

    @Override
    public CompletableFuture<Integer> exit() {
        return exit;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        if (pty != null) {
            pty.close();
        }
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // the pipe may already be broken
        }
    }
}
