package io.hcs4j.shim.os;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The libc calls the shim needs on Linux that the JDK lacks: FIFOs and non-blocking opens and writes.
 * Loaded by its soname so JNA does not search (on Linux a search runs ldconfig -p: tens of ms).
 */
public interface Libc extends Library {
    Libc INSTANCE = Native.load("libc.so.6", Libc.class);

    int O_RDONLY = 0;
    int O_RDWR = 2;
    int O_NONBLOCK = 0x800;

    int open(String path, int flags);

    long write(int fd, byte[] buffer, long count);

    int close(int fd);

    int mkfifo(String path, int mode);
}
