package io.hcs4j.platform.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.platform.win32.BaseTSD.ULONG_PTR;
import com.sun.jna.win32.StdCallLibrary;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/** The few ws2_32.dll calls an AF_HYPERV socket needs (jna-platform declares none of them). */
public interface Winsock extends StdCallLibrary {
    int AF_HYPERV = 34;
    int SOCK_STREAM = 1;
    int HV_PROTOCOL_RAW = 1;
    int SD_SEND = 1;
    short POLLRDNORM = 0x0100;
    long INVALID_SOCKET = -1L;
    int SOCKET_ERROR = -1;
    short WINSOCK_2_2 = 0x0202;

    /** Loaded on first use, so that merely referencing a Winsock user works on any OS. */
    final class Holder {
        static final Winsock INSTANCE = Native.load("ws2_32", Winsock.class);
        static final AtomicBoolean STARTED = new AtomicBoolean();

        private Holder() {
        }
    }

    /** The library, started (WSAStartup 2.2) by the first caller. */
    static Winsock started() throws IOException {
        Winsock ws = Holder.INSTANCE;
        if (Holder.STARTED.compareAndSet(false, true)) {
            // Any WSADATA-sized buffer: its contents are not used.
            int rc = ws.WSAStartup(WINSOCK_2_2, new com.sun.jna.Memory(1024));
            if (rc != 0) {
                Holder.STARTED.set(false);
                throw new IOException("WSAStartup failed: " + rc);
            }
        }
        return ws;
    }

    /** The failure of the last call on this thread (static: JNA proxies only the native calls). */
    static IOException error(Winsock ws, String what) {
        return new IOException(what + " failed: WSA error " + ws.WSAGetLastError());
    }

    static boolean invalid(ULONG_PTR s) {
        return s.longValue() == INVALID_SOCKET;
    }

    int WSAStartup(short versionRequested, Pointer wsaData);

    int WSAGetLastError();

    ULONG_PTR socket(int af, int type, int protocol);

    int bind(ULONG_PTR s, SockaddrHv name, int nameLength);

    int listen(ULONG_PTR s, int backlog);

    ULONG_PTR accept(ULONG_PTR s, Pointer addr, Pointer addrLength);

    int connect(ULONG_PTR s, SockaddrHv name, int nameLength);

    int recv(ULONG_PTR s, ByteBuffer buf, int len, int flags);

    int send(ULONG_PTR s, ByteBuffer buf, int len, int flags);

    int shutdown(ULONG_PTR s, int how);

    int closesocket(ULONG_PTR s);

    int WSAPoll(WsaPollFd fds, int count, int timeoutMs);

    /** WSAPOLLFD: { SOCKET fd; SHORT events; SHORT revents; }. */
    @Structure.FieldOrder({"fd", "events", "revents"})
    class WsaPollFd extends Structure {
        public ULONG_PTR fd;
        public short events;
        public short revents;
    }
}
