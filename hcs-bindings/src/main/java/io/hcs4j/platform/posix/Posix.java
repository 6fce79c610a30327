package io.hcs4j.platform.posix;

import com.sun.jna.Native;
import com.sun.jna.NativeLong;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Process and descriptor helpers over {@link Libc}: pipes, signals, waiting for any process to exit, reaping
 * children (a subreaper also reaps the orphans of its descendants), threads' nice values.
 */
public final class Posix {
    public static final int SIGINT = 2;
    public static final int SIGQUIT = 3;
    public static final int SIGKILL = 9;
    public static final int SIGTERM = 15;
    public static final int SIGCONT = 18;
    public static final int SIGSTOP = 19;

    /** pidfd_open(2): the same number on x86-64 and arm64 (the unified syscall table). */
    private static final long SYS_PIDFD_OPEN = 434;
    private static final short POLLIN = 1;
    private static final int ESRCH = 3;
    private static final int EINTR = 4;

    private static final Libc C = Libc.INSTANCE;

    private Posix() {
    }

    /** A new close-on-exec pipe: {read end, write end}. */
    public static int[] pipe() {
        int[] fds = new int[2];
        if (C.pipe2(fds, Libc.O_CLOEXEC) != 0) {
            throw new IllegalStateException("pipe2 failed: errno " + Native.getLastError());
        }
        return fds;
    }

    public static void close(int fd) {
        C.close(fd);
    }

    /**
     * Waits up to {@code timeoutMs} for a process to end (a zombie has ended); true when it has, or never existed.
     * Works for any process, not only children: a pidfd becomes readable when its process exits.
     */
    public static boolean awaitExit(long pid, int timeoutMs) {
        int fd = C.syscall(new NativeLong(SYS_PIDFD_OPEN), new NativeLong(pid), new NativeLong(0)).intValue();
        if (fd < 0) {
            if (Native.getLastError() == ESRCH) {
                return true;
            }
            // No pidfds (Linux before 5.3): the JDK's own watch of the process.
            return ProcessHandle.of(pid).map(h -> {
                try {
                    h.onExit().get(timeoutMs, TimeUnit.MILLISECONDS);
                    return true;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                } catch (ExecutionException | TimeoutException e) {
                    return false;
                }
            }).orElse(true);
        }
        try {
            Libc.PollFd[] fds = (Libc.PollFd[]) new Libc.PollFd().toArray(1);
            fds[0].fd = fd;
            fds[0].events = POLLIN;
            return C.poll(fds, new NativeLong(1), timeoutMs) > 0;
        } finally {
            C.close(fd);
        }
    }

    /** Sends a signal to one process; false when it no longer exists. */
    public static boolean kill(long pid, int sig) {
        return C.kill((int) pid, sig) == 0;
    }

    /** Makes this process the reaper of its descendants' orphans (prctl PR_SET_CHILD_SUBREAPER); false if refused. */
    public static boolean becomeSubreaper() {
        NativeLong zero = new NativeLong(0);
        return C.prctl(Libc.PR_SET_CHILD_SUBREAPER, new NativeLong(1), zero, zero, zero) == 0;
    }

    /**
     * Waits for a child (an adopted orphan included) to end and reaps it: its exit status, or 128 + n when signal n
     * ended it, as a shell reports it; -1 when {@code pid} is not a child of this process.
     */
    public static int waitChild(long pid) {
        int[] status = new int[1];
        while (C.waitpid((int) pid, status, 0) < 0) {
            if (Native.getLastError() != EINTR) {
                return -1;
            }
        }
        return exitCode(status[0]);
    }

    /** Reaps the child {@code pid} if it has ended (a zombie); true when it was reaped. */
    public static boolean reapIfEnded(long pid) {
        return C.waitpid((int) pid, new int[1], Libc.WNOHANG) == pid;
    }

    private static int exitCode(int status) {
        int signal = status & 0x7f;
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal;
    }

    /** The nice value of the calling thread (on Linux a thread's own; threads and processes it starts inherit it). */
    public static int niceness() {
        Native.setLastError(0);
        int nice = C.getpriority(Libc.PRIO_PROCESS, 0);
        if (nice == -1 && Native.getLastError() != 0) {
            throw new IllegalStateException("getpriority failed: errno " + Native.getLastError());
        }
        return nice;
    }

    /**
     * Sets the nice value of every thread of this process, including threads started while it runs (it goes over
     * {@code /proc/self/task} until a pass finds no new one). False when refused: lowering it needs CAP_SYS_NICE.
     */
    public static boolean reniceAllThreads(int nice) {
        Set<Integer> done = new HashSet<>();
        while (true) {
            List<Integer> tids = new ArrayList<>();
            try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
                tasks.forEach(t -> tids.add(Integer.parseInt(t.getFileName().toString())));
            } catch (IOException e) {
                return false;
            }
            boolean found = false;
            for (int tid : tids) {
                if (done.add(tid)) {
                    found = true;
                    if (C.setpriority(Libc.PRIO_PROCESS, tid, nice) != 0 && Native.getLastError() != ESRCH) {
                        return false;
                    }
                }
            }
            if (!found) {
                return true;
            }
        }
    }

    public static boolean isRoot() {
        return C.geteuid() == 0;
    }

    /** The effective user id. */
    public static int euid() {
        return C.geteuid();
    }
}
