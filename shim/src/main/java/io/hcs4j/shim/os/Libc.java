package io.hcs4j.shim.os;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The libc calls the shim needs that the JDK lacks: signals, pseudo-terminals, FIFOs, non-blocking writes.
 * Loaded by its exact file name so JNA does not search (on Linux a search runs ldconfig: tens of ms).
 */
public interface Libc extends Library {
    Libc INSTANCE = Native.load(Platform.C_LIBRARY_NAME, Libc.class);

    int O_RDWR = 2;
    int O_NOCTTY = 0x100;
    int O_NONBLOCK = 0x800;
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

    int open(String path, int flags);

    long read(int fd, byte[] buffer, long count);

    long write(int fd, byte[] buffer, long count);

    int close(int fd);

    int mkfifo(String path, int mode);
}
