package io.hcs4j.uvm.transport;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.BaseTSD.ULONG_PTR;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Real hvsocket on Windows: AF_HYPERV stream sockets bound to (VM runtime id, service id) through Winsock.
 * Only usable where ws2_32.dll exists; its layout is checked against mingw-w64's hvsocket.h.
 */
public final class AfHyperVTransport implements HvSocketTransport {
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private final UUID vmRuntimeId;

    public AfHyperVTransport(UUID vmRuntimeId) {
        this.vmRuntimeId = java.util.Objects.requireNonNull(vmRuntimeId, "AF_HYPERV sockets need the VM's runtime id");
    }

    private static Winsock winsock() throws IOException {
        Winsock ws = Winsock.Holder.INSTANCE;
        if (STARTED.compareAndSet(false, true)) {
            // Any WSADATA-sized buffer: its contents are not used.
            int rc = ws.WSAStartup(Winsock.WINSOCK_2_2, new com.sun.jna.Memory(1024));
            if (rc != 0) {
                STARTED.set(false);
                throw new IOException("WSAStartup failed: " + rc);
            }
        }
        return ws;
    }

    private static IOException error(Winsock ws, String what) {
        return new IOException(what + " failed: WSA error " + ws.WSAGetLastError());
    }

    private static boolean invalid(ULONG_PTR s) {
        return s.longValue() == Winsock.INVALID_SOCKET;
    }

    @Override
    public HvSocketListener listen(UUID serviceId) throws IOException {
        Winsock ws = winsock();
        ULONG_PTR s = ws.socket(Winsock.AF_HYPERV, Winsock.SOCK_STREAM, Winsock.HV_PROTOCOL_RAW);
        if (invalid(s)) {
            throw error(ws, "socket(AF_HYPERV)");
        }
        SockaddrHv addr = new SockaddrHv(vmRuntimeId, serviceId);
        if (ws.bind(s, addr, addr.size()) != 0 || ws.listen(s, 16) != 0) {
            IOException e = error(ws, "bind/listen on hvsocket " + vmRuntimeId + "/" + serviceId);
            ws.closesocket(s);
            throw e;
        }
        return new Listener(ws, s, serviceId);
    }

    private static final class Listener implements HvSocketListener {
        private final Winsock ws;
        private final ULONG_PTR socket;
        private final UUID serviceId;
        private final AtomicBoolean closed = new AtomicBoolean();

        Listener(Winsock ws, ULONG_PTR socket, UUID serviceId) {
            this.ws = ws;
            this.socket = socket;
            this.serviceId = serviceId;
        }

        @Override
        public UUID serviceId() {
            return serviceId;
        }

        @Override
        public HvSocketConnection accept(Duration timeout) throws IOException {
            if (closed.get()) {
                throw new ClosedChannelException();
            }
            Winsock.WsaPollFd fd = new Winsock.WsaPollFd();
            fd.fd = socket;
            fd.events = Winsock.POLLRDNORM;
            int ready = ws.WSAPoll(fd, 1, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            if (closed.get()) {
                throw new ClosedChannelException();
            }
            if (ready == Winsock.SOCKET_ERROR) {
                throw error(ws, "WSAPoll");
            }
            if (ready == 0) {
                throw new SocketTimeoutException("the guest did not dial hvsocket service " + serviceId
                        + " within " + timeout.toMillis() + " ms");
            }
            ULONG_PTR conn = ws.accept(socket, Pointer.NULL, Pointer.NULL);
            if (invalid(conn)) {
                throw error(ws, "accept");
            }
            return new Connection(ws, conn);
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                ws.closesocket(socket);
            }
        }
    }

    private static final class Connection implements HvSocketConnection {
        private final Winsock ws;
        private final ULONG_PTR socket;
        private final AtomicBoolean closed = new AtomicBoolean();
        private final InputStream input = new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                byte[] buf = off == 0 ? b : new byte[len];
                int n = ws.recv(socket, buf, len, 0);
                if (n == Winsock.SOCKET_ERROR) {
                    throw error(ws, "recv");
                }
                if (n == 0) {
                    return -1;
                }
                if (buf != b) {
                    System.arraycopy(buf, 0, b, off, n);
                }
                return n;
            }
        };
        private final OutputStream output = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                byte[] rest = Arrays.copyOfRange(b, off, off + len);
                while (rest.length > 0) {
                    int n = ws.send(socket, rest, rest.length, 0);
                    if (n == Winsock.SOCKET_ERROR) {
                        throw error(ws, "send");
                    }
                    rest = Arrays.copyOfRange(rest, n, rest.length);
                }
            }
        };

        Connection(Winsock ws, ULONG_PTR socket) {
            this.ws = ws;
            this.socket = socket;
        }

        @Override
        public InputStream input() {
            return input;
        }

        @Override
        public OutputStream output() {
            return output;
        }

        @Override
        public void shutdownOutput() throws IOException {
            if (ws.shutdown(socket, Winsock.SD_SEND) != 0) {
                throw error(ws, "shutdown");
            }
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                ws.closesocket(socket);
            }
        }
    }
}
