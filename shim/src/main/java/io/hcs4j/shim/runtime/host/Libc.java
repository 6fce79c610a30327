package io.hcs4j.shim.runtime.host;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** The few libc calls the host backend needs that the JDK lacks: signals, pseudo-terminals, FIFOs. */
interface Libc extends Library {
    Libc INSTANCE = Native.load("c", Libc.class);

    int O_RDWR = 2;
    int O_NOCTTY = 0x100;
    long TIOCSWINSZ = 0x5414;
    int SIGKILL = 9;
    int SIGCONT = 18;
    int SIGSTOP = 19;

    int kill(int pid, int signal);

    int posix_openpt(int flags);

    int grantpt(int fd);

    int unlockpt(int fd);

    String ptsname(int fd);

    int ioctl(int fd, long request, Pointer argument);

    long read(int fd, byte[] buffer, long count);

    long write(int fd, byte[] buffer, long count);

    int close(int fd);
}
