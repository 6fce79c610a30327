package io.hcs4j.emulator.hcs;

import com.sun.jna.Library;
import com.sun.jna.Native;

/** The few libc calls the emulator needs for real stdio pipes and signals. */
final class Posix {
    interface LibC extends Library {
        int pipe2(int[] fds, int flags);

        int close(int fd);

        int kill(int pid, int sig);
    }

    static final int O_CLOEXEC = 0x80000;
    static final int SIGINT = 2;
    static final int SIGQUIT = 3;
    static final int SIGKILL = 9;
    static final int SIGTERM = 15;
    static final int SIGCONT = 18;
    static final int SIGSTOP = 19;

    private static final LibC C = Native.load("c", LibC.class);

    private Posix() {
    }

    /** A new close-on-exec pipe: {read end, write end}. */
    static int[] pipe() {
        int[] fds = new int[2];
        if (C.pipe2(fds, O_CLOEXEC) != 0) {
            throw new IllegalStateException("pipe2 failed: errno " + Native.getLastError());
        }
        return fds;
    }

    static void close(int fd) {
        C.close(fd);
    }

    /** Sends a signal; false when the process no longer exists. */
    static boolean kill(long pid, int sig) {
        return C.kill((int) pid, sig) == 0;
    }
}
