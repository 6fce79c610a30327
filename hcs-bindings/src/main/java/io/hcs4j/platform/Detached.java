package io.hcs4j.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts a process meant to outlive this JVM (the shim daemon, a runhcs holder). On Unix it runs as a
 * grandchild in a session of its own: signals to our process group do not reach it, and it is not our child.
 * A child still running when a JVM exits costs that exit 300 ms: the JVM waits that long for threads blocked
 * in native code, and the JDK reaps every child with a thread blocked in waitpid(2).
 */
public final class Detached {
    private static final long SHELL_TIMEOUT_SECONDS = 10;
    /**
     * Starts "$@" in a new session (setsid -f forks it off), where it writes its pid to $1 before it execs: once the
     * pid is there, the process has left our session. Not a shell background job ("&"), which would start with
     * SIGINT and SIGQUIT ignored, and so would everything it runs (a container's CtrlC, a trap on INT).
     */
    private static final String SPAWN = "f=$1; shift; exec setsid -f /bin/sh -c 'echo $$ > \"$0\"; exec \"$@\"' \"$f\" \"$@\"";
    private static final long PID_POLL_MILLIS = 2;

    private Detached() {
    }

    /**
     * Starts {@code pb}'s command with its directory, environment and redirects (files, DISCARD or INHERIT:
     * there is no one to read a pipe).
     *
     * @return the started process, or empty when it exited at once
     */
    public static Optional<ProcessHandle> start(ProcessBuilder pb) throws IOException, InterruptedException {
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            return Optional.of(pb.start().toHandle());
        }
        Path pidFile = Files.createTempFile("hcs4j-detached", ".pid");
        try {
            List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", SPAWN, "sh", pidFile.toString()));
            command.addAll(pb.command());
            ProcessBuilder shell = new ProcessBuilder(command)
                    .directory(pb.directory())
                    .redirectInput(pb.redirectInput())
                    .redirectOutput(pb.redirectOutput())
                    .redirectError(pb.redirectError());
            shell.environment().clear();
            shell.environment().putAll(pb.environment());
            Process started = shell.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SHELL_TIMEOUT_SECONDS);
            if (!started.waitFor(SHELL_TIMEOUT_SECONDS, TimeUnit.SECONDS) || started.exitValue() != 0) {
                started.destroyForcibly();
                throw new IOException("/bin/sh could not start " + pb.command().get(0));
            }
            String pid = Files.readString(pidFile);
            while (!pid.endsWith("\n")) {
                if (System.nanoTime() > deadline) {
                    throw new IOException(pb.command().get(0) + " was not started within " + SHELL_TIMEOUT_SECONDS + " s");
                }
                Thread.sleep(PID_POLL_MILLIS);
                pid = Files.readString(pidFile);
            }
            return ProcessHandle.of(Long.parseLong(pid.trim()));
        } finally {
            Files.deleteIfExists(pidFile);
        }
    }
}
