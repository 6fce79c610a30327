package io.hcs4j.uvm.bridge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.platform.Connection;
import io.hcs4j.uvm.bridge.codec.BridgeJson;
import io.hcs4j.uvm.bridge.codec.Frame;
import io.hcs4j.uvm.bridge.codec.FrameCodec;
import io.hcs4j.uvm.bridge.codec.MessageKind;
import io.hcs4j.uvm.bridge.codec.Rpc;
import io.hcs4j.uvm.transport.HvSocketListener;
import io.hcs4j.uvm.transport.UnixSocketTransport;
import io.hcs4j.uvm.transport.VsockPorts;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** The guest end of a bridge, driven step by step by a test (frames written and read by hand). */
public final class ScriptedGuest implements Closeable {
    public final Connection socket;
    public final Connection hostSide;

    /** A connected pair: {@link #hostSide} is what the host's bridge uses. */
    public ScriptedGuest(Path dir) throws IOException {
        try (HvSocketListener listener = new UnixSocketTransport(dir).listen(VsockPorts.serviceId(VsockPorts.GCS_PORT))) {
            socket = UnixSocketTransport.dial(dir, listener.serviceId());
            hostSide = listener.accept(Duration.ofSeconds(5));
        }
    }

    private ScriptedGuest(Connection socket) {
        this.socket = socket;
        this.hostSide = null;
    }

    /** Dials the GCS port the host listens on in {@code dir}, like a real guest. */
    public static ScriptedGuest dial(Path dir) throws IOException {
        return dial(dir, VsockPorts.serviceId(VsockPorts.GCS_PORT));
    }

    /** Dials a service the host listens on in {@code dir} (e.g. the Windows GCS service). */
    public static ScriptedGuest dial(Path dir, java.util.UUID service) throws IOException {
        return new ScriptedGuest(UnixSocketTransport.dial(dir, service));
    }

    public Frame read() throws IOException {
        Frame frame = FrameCodec.read(socket.input());
        if (frame == null) {
            throw new IOException("host closed the bridge");
        }
        return frame;
    }

    public ObjectNode readRequest(Rpc expected) throws IOException {
        Frame frame = read();
        if (frame.type() != expected.requestType()) {
            throw new AssertionError("expected " + expected + " request, got " + frame);
        }
        ObjectNode body = BridgeJson.decode(frame.body());
        body.put("__id", frame.id());
        return body;
    }

    public void respond(Rpc rpc, ObjectNode request, ObjectNode body) throws IOException {
        body.put("ActivityId", request.path("ActivityId").asText());
        if (!body.has("Result")) {
            body.put("Result", 0);
        }
        writeRaw(FrameCodec.encode(new Frame(rpc.responseType(), request.get("__id").asLong(),
                BridgeJson.encode(body, BridgeJson.Style.GUEST))));
    }

    public void notifyExit(String containerId, String type) throws IOException {
        ObjectNode body = BridgeJson.object().put("ContainerId", containerId)
                .put("ActivityId", "00000000-0000-0000-0000-000000000000").put("Type", type)
                .put("Operation", "None").put("Result", 0);
        writeRaw(FrameCodec.encode(new Frame(MessageKind.CONTAINER_NOTIFICATION, 0,
                BridgeJson.encode(body, BridgeJson.Style.GUEST))));
    }

    public void writeRaw(byte[] bytes) throws IOException {
        socket.output().write(bytes);
        socket.output().flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
