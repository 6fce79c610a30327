package io.hcs4j.uvm.bridge.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.schema.Json;
import io.hcs4j.schema.guest.BridgeMessages;
import io.hcs4j.schema.guest.MsgType;
import io.hcs4j.schema.guest.RPCProc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameCodecVectorsTest {

    static List<GcsVectors.RecordedFrame> frames() {
        return GcsVectors.frames();
    }

    @Test
    void vectorsArePresent() {
        assertTrue(frames().size() > 100, "expected the reference transcripts under " + GcsVectors.dir());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frames")
    void reencodesToTheSameHeaderAndAnEqualBody(GcsVectors.RecordedFrame recorded) throws Exception {
        assertEquals(recorded.headerHex(),
                HexFormat.of().formatHex(FrameCodec.header(recorded.type(), recorded.size(), recorded.id())));

        BodyCodec.Writer style = recorded.hostToGuest() ? BodyCodec.Writer.HOST : BodyCodec.Writer.GUEST;
        byte[] body = BodyCodec.encode(recorded.body(), style);
        assertEquals(recorded.trailingNewline(), body[body.length - 1] == '\n');
        if (!recorded.pathsRewritten()) {
            // Written the way each Go side writes it, the body has exactly the recorded length, so the whole
            // re-encoded header is byte-identical to the recorded one.
            byte[] wire = FrameCodec.encode(new Frame(recorded.type(), recorded.id(), body));
            assertEquals(recorded.headerHex(), HexFormat.of().formatHex(wire, 0, FrameCodec.HEADER_SIZE));
        }

        byte[] wire = concat(FrameCodec.header(recorded.type(), FrameCodec.HEADER_SIZE + body.length, recorded.id()),
                body);
        ByteArrayInputStream in = new ByteArrayInputStream(wire);
        Frame decoded = FrameCodec.read(in);
        assertNotNull(decoded);
        assertEquals(recorded.type(), decoded.type());
        assertEquals(recorded.id(), decoded.id());
        assertArrayEquals(body, decoded.body());
        assertEquals(recorded.body(), BodyCodec.decode(decoded.body()));
        assertNull(FrameCodec.read(in), "clean end of stream after the frame");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frames")
    void bodiesDecodeIntoTheirSchemaMessageTypeAndReencodeEqual(GcsVectors.RecordedFrame recorded) throws Exception {
        Class<?> type = BridgeMessages.bodyType(recorded.type());
        assertNotNull(type, MsgType.describe(recorded.type()));
        byte[] body = BodyCodec.encode(recorded.body(), BodyCodec.Writer.GUEST);
        Object message = Json.read(body, type);
        // Nested documents (JSON in a string) are compared as trees: the schema's field order inside them
        // is its own.
        assertEquals(unnested(recorded.body()), unnested(BodyCodec.decode(Json.writeBytes(message))),
                type.getSimpleName());
    }

    private static JsonNode unnested(JsonNode node) {
        if (node.isTextual() && node.asText().startsWith("{")) {
            try {
                return unnested(BodyCodec.decode(node.asText().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            } catch (java.io.IOException notJson) {
                return node;
            }
        }
        if (node.isObject()) {
            ObjectNode copy = Json.mapper().createObjectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(), unnested(e.getValue())));
            return copy;
        }
        return node;
    }

    @Test
    void mostFramesAreCheckedByteForByte() {
        long exact = frames().stream().filter(f -> !f.pathsRewritten()).count();
        assertEquals(frames().size() - 6, exact, exact + " of " + frames().size());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frames")
    void everyTypeIsAKnownProcedure(GcsVectors.RecordedFrame recorded) {
        assertNotNull(RPCProc.name(MsgType.proc(recorded.type())), MsgType.describe(recorded.type()));
        int expectedKind = recorded.hostToGuest() ? MsgType.MSG_TYPE_REQUEST
                : recorded.type() == MsgType.NOTIFY_CONTAINER ? MsgType.MSG_TYPE_NOTIFY : MsgType.MSG_TYPE_RESPONSE;
        assertEquals(expectedKind, MsgType.kind(recorded.type()));
    }
}
