package io.hcs4j.platform.windows;

import com.sun.jna.platform.win32.BaseTSD.ULONG_PTR;
import io.hcs4j.platform.StreamConnection;
import io.hcs4j.platform.Streams;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/** A connected Winsock stream socket (AF_HYPERV above all), read with recv and written with send. */
public final class WinsockConnection extends StreamConnection {
    private final Winsock ws;
    private final ULONG_PTR socket;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Takes over a connected socket of a started {@link Winsock}. */
    public WinsockConnection(Winsock ws, ULONG_PTR socket) {
        super(Streams.input(dst -> recv(ws, socket, dst), () -> { }),
                Streams.output(src -> send(ws, socket, src), () -> { }));
        this.ws = ws;
        this.socket = socket;
    }

    private static int recv(Winsock ws, ULONG_PTR socket, ByteBuffer dst) throws IOException {
        int n = ws.recv(socket, dst, dst.remaining(), 0);
        if (n == Winsock.SOCKET_ERROR) {
            throw Winsock.error(ws, "recv");
        }
        return n == 0 ? -1 : n;
    }

    private static int send(Winsock ws, ULONG_PTR socket, ByteBuffer src) throws IOException {
        int n = ws.send(socket, src, src.remaining(), 0);
        if (n == Winsock.SOCKET_ERROR) {
            throw Winsock.error(ws, "send");
        }
        return n;
    }

    @Override
    public void shutdownOutput() throws IOException {
        if (ws.shutdown(socket, Winsock.SD_SEND) != 0) {
            throw Winsock.error(ws, "shutdown");
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            ws.closesocket(socket);
        }
    }
}
