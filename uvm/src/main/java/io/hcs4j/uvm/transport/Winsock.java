package io.hcs4j.uvm.transport;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.platform.win32.BaseTSD.ULONG_PTR;
import com.sun.jna.win32.StdCallLibrary;

/** The few ws2_32.dll calls an AF_HYPERV socket needs (jna-platform declares none of them). */
interface Winsock extends StdCallLibrary {
    int AF_HYPERV = 34;
    int SOCK_STREAM = 1;
    int HV_PROTOCOL_RAW = 1;
    int SD_SEND = 1;
    short POLLRDNORM = 0x0100;
    long INVALID_SOCKET = -1L;
    int SOCKET_ERROR = -1;
    short WINSOCK_2_2 = 0x0202;

    /** Loaded on first use, so that merely referencing the transport works on any OS. */
    final class Holder {
        static final Winsock INSTANCE = Native.load("ws2_32", Winsock.class);

        private Holder() {
        }
    }

    int WSAStartup(short versionRequested, Pointer wsaData);

    int WSAGetLastError();

    ULONG_PTR socket(int af, int type, int protocol);

    int bind(ULONG_PTR s, SockaddrHv name, int nameLength);

    int listen(ULONG_PTR s, int backlog);

    ULONG_PTR accept(ULONG_PTR s, Pointer addr, Pointer addrLength);

    int connect(ULONG_PTR s, SockaddrHv name, int nameLength);

    int recv(ULONG_PTR s, byte[] buf, int len, int flags);

    int send(ULONG_PTR s, byte[] buf, int len, int flags);

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
