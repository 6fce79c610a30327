package io.hcs4j.emulator.os;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Structure;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The libc calls the emulator needs that Java lacks: raw pipes, signals to processes and groups, pseudo-terminals. */
public final class Posix {
    interface LibC extends Library {
        int pipe2(int[] fds, int flags);

        int close(int fd);

        int kill(int pid, int sig);

        int geteuid();

        int posix_openpt(int flags);

        int grantpt(int fd);

        int unlockpt(int fd);

        String ptsname(int fd);

        NativeLong read(int fd, byte[] buf, NativeLong count);

        NativeLong write(int fd, byte[] buf, NativeLong count);

        int ioctl(int fd, NativeLong request, Winsize size);

        NativeLong syscall(NativeLong number, Object... args);

        int poll(PollFd[] fds, NativeLong nfds, int timeoutMs);
    }

    /** struct pollfd { int fd; short events, revents; }. */
    @Structure.FieldOrder({"fd", "events", "revents"})
    public static final class PollFd extends Structure {
        public int fd;
        public short events;
        public short revents;
    }

    /** struct winsize { unsigned short ws_row, ws_col, ws_xpixel, ws_ypixel; }. */
    @Structure.FieldOrder({"row", "col", "xpixel", "ypixel"})
    public static final class Winsize extends Structure {
        public short row;
        public short col;
        public short xpixel;
        public short ypixel;

        Winsize(int rows, int cols) {
            row = (short) rows;
            col = (short) cols;
        }
    }

    public static final int SIGINT = 2;
    public static final int SIGQUIT = 3;
    public static final int SIGKILL = 9;
    public static final int SIGTERM = 15;
    public static final int SIGCONT = 18;
    public static final int SIGSTOP = 19;

    static final int O_RDWR = 2;
    static final int O_NOCTTY = 0x100;
    static final int O_CLOEXEC = 0x80000;
    /** asm-generic/ioctls.h (x86-64 and arm64). */
    static final long TIOCSWINSZ = 0x5414;

    /** pidfd_open(2): the same number on x86-64 and arm64 (the unified syscall table). */
    private static final long SYS_PIDFD_OPEN = 434;
    private static final short POLLIN = 1;
    private static final int ESRCH = 3;

    /** By its soname: a bare "c" makes JNA search, and on Linux that search runs ldconfig -p. */
    static final LibC C = Native.load("libc.so.6", LibC.class);

    private Posix() {
    }

    /** A new close-on-exec pipe: {read end, write end}. */
    public static int[] pipe() {
        int[] fds = new int[2];
        if (C.pipe2(fds, O_CLOEXEC) != 0) {
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
            PollFd[] fds = (PollFd[]) new PollFd().toArray(1);
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

    public static boolean isRoot() {
        return C.geteuid() == 0;
    }
}
