package io.hcs4j.platform.posix;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A listening unix socket that receives one file descriptor (SCM_RIGHTS) from its first peer: how runc's
 * {@code --console-socket} hands over a terminal's master. The JDK's unix sockets cannot carry descriptors.
 * Linux on 64-bit machines (the layouts of struct msghdr and cmsghdr below).
 */
public final class DescriptorSocket implements AutoCloseable {
    private static final Libc C = Libc.INSTANCE;
    private static final int SOL_SOCKET = 1;
    private static final int SCM_RIGHTS = 1;
    private static final short POLLIN = 1;
    private static final int MSG_CMSG_CLOEXEC = 0x40000000;
    /** The largest sun_path, NUL included. */
    private static final int MAX_PATH = 108;

    private final int fd;
    private final Path path;

    private DescriptorSocket(int fd, Path path) {
        this.fd = fd;
        this.path = path;
    }

    public static DescriptorSocket listen(Path path) throws IOException {
        byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
        if (name.length >= MAX_PATH) {
            throw new IOException("socket path too long: " + path);
        }
        byte[] address = new byte[2 + name.length + 1];
        address[0] = Libc.AF_UNIX;
        System.arraycopy(name, 0, address, 2, name.length);
        int fd = C.socket(Libc.AF_UNIX, Libc.SOCK_STREAM | Libc.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw new IOException("socket failed: errno " + Native.getLastError());
        }
        if (C.bind(fd, address, address.length) != 0 || C.listen(fd, 1) != 0) {
            int errno = Native.getLastError();
            C.close(fd);
            throw new IOException("cannot listen on " + path + ": errno " + errno);
        }
        return new DescriptorSocket(fd, path);
    }

    public Path path() {
        return path;
    }

    /** Accepts the first peer (waiting up to {@code timeoutMs}) and returns the descriptor it sends. */
    public int receive(int timeoutMs) throws IOException {
        Libc.PollFd[] fds = (Libc.PollFd[]) new Libc.PollFd().toArray(1);
        fds[0].fd = fd;
        fds[0].events = POLLIN;
        if (C.poll(fds, new NativeLong(1), timeoutMs) <= 0) {
            throw new IOException("nobody sent a descriptor to " + path + " within " + timeoutMs + " ms");
        }
        int peer = C.accept4(fd, Pointer.NULL, Pointer.NULL, Libc.SOCK_CLOEXEC);
        if (peer < 0) {
            throw new IOException("accept failed: errno " + Native.getLastError());
        }
        try {
            Memory data = new Memory(4096);
            Memory iov = new Memory(16);
            iov.setPointer(0, data);
            iov.setLong(8, data.size());
            Memory control = new Memory(24); // CMSG_SPACE(sizeof(int))
            control.clear();
            Memory message = new Memory(56);
            message.clear();
            message.setPointer(16, iov);
            message.setLong(24, 1);
            message.setPointer(32, control);
            message.setLong(40, control.size());
            if (C.recvmsg(peer, message, MSG_CMSG_CLOEXEC).longValue() < 0) {
                throw new IOException("recvmsg failed: errno " + Native.getLastError());
            }
            if (message.getLong(40) < 20 || control.getInt(8) != SOL_SOCKET || control.getInt(12) != SCM_RIGHTS) {
                throw new IOException("the peer on " + path + " sent no descriptor");
            }
            return control.getInt(16);
        } finally {
            C.close(peer);
        }
    }

    @Override
    public void close() {
        C.close(fd);
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // A socket file left in a directory its owner removes.
        }
    }
}
