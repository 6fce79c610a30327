package io.hcs4j.runhcs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.platform.ChannelConnection;
import io.hcs4j.platform.PeerCredentials;
import io.hcs4j.schema.Json;
import io.hcs4j.schema.SchemaException;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control protocol between a runhcs command and the process holding a container, over the container's unix
 * socket. Each connection carries one request: a JSON object on one line ({"op":"state"}, ...), answered by one JSON
 * line ({"ok":true,...} or {"ok":false,"error":"..."}). An attached exec then switches to stdio frames: a type byte, a
 * 4-byte big-endian length, the payload. Both ends talk only to a process of the same user or root
 * ({@link PeerCredentials}).
 */
final class Control {
    private static final Logger LOG = LoggerFactory.getLogger(Control.class);
    /** Frame types. stdin flows to the holder; stdout, stderr and the exit code flow back. */
    static final int STDIN = 0;
    static final int STDIN_EOF = 1;
    static final int STDOUT = 2;
    static final int STDERR = 3;
    static final int EXIT = 4;

    static final int MAX_LINE = 1 << 20;
    static final int MAX_FRAME = 1 << 16;

    /** How long a plain request may take (delete waits for the container to stop and its layers to unmount). */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "runhcs-call-timeout");
        t.setDaemon(true);
        return t;
    });

    private Control() {
    }

    static ObjectNode request(String op) {
        return JsonNodeFactory.instance.objectNode().put("op", op);
    }

    static ObjectNode ok() {
        return JsonNodeFactory.instance.objectNode().put("ok", true);
    }

    static ObjectNode error(String message) {
        return JsonNodeFactory.instance.objectNode().put("ok", false).put("error", message);
    }

    /** An open connection to a holder. */
    static final class Connection implements AutoCloseable {
        final ChannelConnection channel;
        final DataInputStream in;
        final DataOutputStream out;

        Connection(ChannelConnection channel) {
            this.channel = channel;
            this.in = new DataInputStream(channel.input());
            this.out = new DataOutputStream(channel.output());
        }

        /** Sends the request and reads the answer; an {"ok":false} answer becomes a RunhcsException. */
        JsonNode send(ObjectNode request) throws IOException {
            writeLine(out, request);
            JsonNode answer = readLine(in);
            if (answer == null) {
                throw new IOException("the container's holder closed the connection");
            }
            if (!answer.path("ok").asBoolean(false)) {
                throw new RunhcsException(answer.path("error").asText("request failed"));
            }
            return answer;
        }

        @Override
        public void close() {
            channel.close();
        }
    }

    /**
     * Connects; null when nobody listens on the socket (the holder is gone). A listener of another user (a swapped
     * socket) is refused before anything is sent.
     */
    static Connection connect(Path socket) {
        SocketChannel channel;
        try {
            channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            return null;
        }
        try {
            PeerCredentials.requireTrusted(channel, socket);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new RunhcsException(e.getMessage());
        }
        return new Connection(new ChannelConnection(channel));
    }

    /** Accepts the next connection of our own user or root; anyone else's is dropped. */
    static SocketChannel acceptTrusted(ServerSocketChannel server) throws IOException {
        while (true) {
            SocketChannel channel = server.accept();
            try {
                PeerCredentials.requireTrusted(channel, server.getLocalAddress());
                return channel;
            } catch (IOException stranger) {
                LOG.warn("{}", stranger.getMessage());
                closeQuietly(channel);
            }
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was sent on it
        }
    }

    /** One request, one answer, bounded by {@link #CALL_TIMEOUT}; null when the holder is gone. */
    static JsonNode call(Path socket, ObjectNode request) throws IOException {
        try (Connection c = connect(socket)) {
            if (c == null) {
                return null;
            }
            ScheduledFuture<?> watchdog = WATCHDOG.schedule(c::close, CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            try {
                return c.send(request);
            } catch (IOException e) {
                if (watchdog.isDone()) {
                    throw new RunhcsException("no answer from the container's holder within " + CALL_TIMEOUT.toSeconds()
                            + " s (" + request.path("op").asText() + ")");
                }
                throw e;
            } finally {
                watchdog.cancel(false);
            }
        }
    }

    static void writeLine(OutputStream out, JsonNode value) throws IOException {
        byte[] json = Json.writeBytes(value);
        byte[] line = java.util.Arrays.copyOf(json, json.length + 1);
        line[json.length] = '\n';
        synchronized (out) {
            out.write(line); // one write: a message is never split by the sender
            out.flush();
        }
    }

    /** Reads one JSON line; null at end of stream before any byte. */
    static JsonNode readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                if (line.size() == 0) {
                    return null;
                }
                throw new EOFException("connection closed in the middle of a message");
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("control message longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        try {
            return Json.tree(line.toString(StandardCharsets.UTF_8));
        } catch (SchemaException e) {
            throw new IOException("bad control message: " + e.getMessage(), e);
        }
    }

    static void writeFrame(DataOutputStream out, int type, byte[] data, int length) throws IOException {
        synchronized (out) {
            out.writeByte(type);
            out.writeInt(length);
            out.write(data, 0, length);
            out.flush();
        }
    }

    static void writeExit(DataOutputStream out, int code) throws IOException {
        byte[] b = {(byte) (code >>> 24), (byte) (code >>> 16), (byte) (code >>> 8), (byte) code};
        writeFrame(out, EXIT, b, 4);
    }

    /** A frame read from the stream. */
    record Frame(int type, byte[] data) {
        int exitCode() {
            return ((data[0] & 0xff) << 24) | ((data[1] & 0xff) << 16) | ((data[2] & 0xff) << 8) | (data[3] & 0xff);
        }
    }

    /** The next frame, or null at a clean end of stream. */
    static Frame readFrame(DataInputStream in) throws IOException {
        int type = in.read();
        if (type < 0) {
            return null;
        }
        int length = in.readInt();
        if (length < 0 || length > MAX_FRAME) {
            throw new IOException("bad frame length " + length);
        }
        byte[] data = new byte[length];
        in.readFully(data);
        if (type == EXIT && length != 4) {
            throw new IOException("bad exit frame");
        }
        return new Frame(type, data);
    }
}
