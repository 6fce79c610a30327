package io.hcs4j.uvm.transport;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.BaseTSD.ULONG_PTR;
import io.hcs4j.platform.Connection;
import io.hcs4j.platform.windows.SockaddrHv;
import io.hcs4j.platform.windows.Winsock;
import io.hcs4j.platform.windows.WinsockConnection;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Real hvsocket on Windows: AF_HYPERV stream sockets bound to (VM runtime id, service id) through Winsock.
 * Only usable where ws2_32.dll exists; its layout is checked against mingw-w64's hvsocket.h.
 */
public final class AfHyperVTransport implements HvSocketTransport {
    private final UUID vmRuntimeId;

    public AfHyperVTransport(UUID vmRuntimeId) {
        this.vmRuntimeId = java.util.Objects.requireNonNull(vmRuntimeId, "AF_HYPERV sockets need the VM's runtime id");
    }

    @Override
    public HvSocketListener listen(UUID serviceId) throws IOException {
        Winsock ws = Winsock.started();
        ULONG_PTR s = ws.socket(Winsock.AF_HYPERV, Winsock.SOCK_STREAM, Winsock.HV_PROTOCOL_RAW);
        if (Winsock.invalid(s)) {
            throw Winsock.error(ws, "socket(AF_HYPERV)");
        }
        SockaddrHv addr = new SockaddrHv(vmRuntimeId, serviceId);
        if (ws.bind(s, addr, addr.size()) != 0 || ws.listen(s, 16) != 0) {
            IOException e = Winsock.error(ws, "bind/listen on hvsocket " + vmRuntimeId + "/" + serviceId);
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
        public Connection accept(Duration timeout) throws IOException {
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
                throw Winsock.error(ws, "WSAPoll");
            }
            if (ready == 0) {
                throw new SocketTimeoutException("the guest did not dial hvsocket service " + serviceId
                        + " within " + timeout.toMillis() + " ms");
            }
            ULONG_PTR conn = ws.accept(socket, Pointer.NULL, Pointer.NULL);
            if (Winsock.invalid(conn)) {
                throw Winsock.error(ws, "accept");
            }
            return new WinsockConnection(ws, conn);
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                ws.closesocket(socket);
            }
        }
    }
}
