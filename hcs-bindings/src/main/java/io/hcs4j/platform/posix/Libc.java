package io.hcs4j.platform.posix;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import java.nio.ByteBuffer;

/**
 * The libc calls the JDK lacks (Linux): FIFOs and non-blocking opens, raw pipes and descriptors, signals,
 * pseudo-terminals, pidfds, thread priorities, child reaping (waitpid, the subreaper flag), unix sockets that receive descriptors. Loaded by its soname so JNA does not search (on Linux a search runs ldconfig -p:
 * tens of ms).
 */
public interface Libc extends Library {
    Libc INSTANCE = Native.load("libc.so.6", Libc.class);

    int O_RDONLY = 0;
    int O_RDWR = 2;
    int O_NOCTTY = 0x100;
    int O_NONBLOCK = 0x800;
    int O_CLOEXEC = 0x80000;
    /** asm-generic/ioctls.h (x86-64 and arm64). */
    long TIOCSWINSZ = 0x5414;

    int open(String path, int flags);

    int mkfifo(String path, int mode);

    int pipe2(int[] fds, int flags);

    int close(int fd);

    int chdir(String path);

    int dup2(int oldFd, int newFd);

    /** {@code buf} from its array offset: pass a {@link ByteBuffer#slice()}. */
    NativeLong read(int fd, ByteBuffer buf, NativeLong count);

    /** {@code buf} from its array offset: pass a {@link ByteBuffer#slice()}. */
    NativeLong write(int fd, ByteBuffer buf, NativeLong count);

    int kill(int pid, int sig);

    int geteuid();

    /** setpriority(2)/getpriority(2) "which": on Linux {@code who} is then one thread's id (0: the caller's). */
    int PRIO_PROCESS = 0;

    int getpriority(int which, int who);

    int setpriority(int which, int who, int prio);

    int posix_openpt(int flags);

    int grantpt(int fd);

    int unlockpt(int fd);

    String ptsname(int fd);

    int ioctl(int fd, NativeLong request, Winsize size);

    NativeLong syscall(NativeLong number, Object... args);

    int poll(PollFd[] fds, NativeLong nfds, int timeoutMs);

    int WNOHANG = 1;
    /** prctl(2) option: orphaned descendants are reparented to this process, which reaps them. */
    int PR_SET_CHILD_SUBREAPER = 36;
    int AF_UNIX = 1;
    int SOCK_STREAM = 1;
    int SOCK_CLOEXEC = O_CLOEXEC;

    int waitpid(int pid, int[] status, int options);

    int prctl(int option, NativeLong arg2, NativeLong arg3, NativeLong arg4, NativeLong arg5);

    int socket(int domain, int type, int protocol);

    /** {@code address}: a struct sockaddr_un (family, then the NUL-terminated path). */
    int bind(int fd, byte[] address, int length);

    int listen(int fd, int backlog);

    int accept4(int fd, Pointer address, Pointer length, int flags);

    /** {@code message}: a struct msghdr in native memory. */
    NativeLong recvmsg(int fd, Pointer message, int flags);

    /** struct pollfd { int fd; short events, revents; }. */
    @Structure.FieldOrder({"fd", "events", "revents"})
    final class PollFd extends Structure {
        public int fd;
        public short events;
        public short revents;
    }

    /** struct winsize { unsigned short ws_row, ws_col, ws_xpixel, ws_ypixel; }. */
    @Structure.FieldOrder({"row", "col", "xpixel", "ypixel"})
    final class Winsize extends Structure {
        public short row;
        public short col;
        public short xpixel;
        public short ypixel;

        public Winsize(int rows, int cols) {
            row = (short) rows;
            col = (short) cols;
        }
    }
}
