package io.hcs4j.emulator.guest;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Structure;

/** The libc calls the guest needs that Java lacks: arbitrary signals, the effective uid, pseudo-terminals. */
interface Libc extends Library {
    Libc INSTANCE = Native.load("c", Libc.class);

    int O_RDWR = 2;
    int O_NOCTTY = 0x100;
    /** asm-generic/ioctls.h (x86-64 and arm64). */
    long TIOCSWINSZ = 0x5414;

    int kill(int pid, int signal);

    int geteuid();

    int posix_openpt(int flags);

    int grantpt(int fd);

    int unlockpt(int fd);

    String ptsname(int fd);

    NativeLong read(int fd, byte[] buf, NativeLong count);

    NativeLong write(int fd, byte[] buf, NativeLong count);

    int ioctl(int fd, NativeLong request, Winsize size);

    int close(int fd);

    /** struct winsize { unsigned short ws_row, ws_col, ws_xpixel, ws_ypixel; }. */
    @Structure.FieldOrder({"row", "col", "xpixel", "ypixel"})
    class Winsize extends Structure {
        public short row;
        public short col;
        public short xpixel;
        public short ypixel;

        Winsize(int rows, int cols) {
            row = (short) rows;
            col = (short) cols;
        }
    }
}
