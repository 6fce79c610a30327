package io.hcs4j.uvm.bridge.codec;

import io.hcs4j.schema.Json;
import io.hcs4j.schema.guest.MsgType;
import io.hcs4j.schema.guest.RPCProc;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameCodecTest {

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void rejectsASizeSmallerThanTheHeader() {
        byte[] wire = FrameCodec.header(MsgType.request(RPCProc.RPC_START), 15, 1);
        var e = assertThrows(BridgeProtocolException.class, () -> FrameCodec.read(new ByteArrayInputStream(wire)));
        assertEquals("bridge frame size 15 is smaller than the 16-byte header", e.getMessage());
    }

    @Test
    void rejectsAnOversizedFrameBeforeReadingItsBody() {
        byte[] wire = FrameCodec.header(MsgType.response(RPCProc.RPC_START), FrameCodec.MAX_FRAME_SIZE + 1, 1);
        var e = assertThrows(BridgeProtocolException.class, () -> FrameCodec.read(new ByteArrayInputStream(wire)));
        assertEquals("bridge frame size 65537 exceeds the limit of 65536 bytes", e.getMessage());
    }

    @Test
    void sizeFieldIsUnsigned() {
        byte[] wire = FrameCodec.header(MsgType.response(RPCProc.RPC_START), 0xFFFFFFF0, 1);
        var e = assertThrows(BridgeProtocolException.class, () -> FrameCodec.read(new ByteArrayInputStream(wire)));
        assertEquals("bridge frame size 4294967280 exceeds the limit of 65536 bytes", e.getMessage());
    }

    @Test
    void acceptsAFrameOfExactlyTheLimit() throws IOException {
        byte[] body = new byte[FrameCodec.MAX_FRAME_SIZE - FrameCodec.HEADER_SIZE];
        Frame frame = new Frame(MsgType.response(RPCProc.RPC_DUMP_STACKS), 7, body);
        Frame read = FrameCodec.read(new ByteArrayInputStream(FrameCodec.encode(frame)));
        assertEquals(frame, read);
    }

    @Test
    void refusesToEncodeAnOversizedFrame() {
        Frame frame = new Frame(MsgType.request(RPCProc.RPC_CREATE), 1, new byte[FrameCodec.MAX_FRAME_SIZE]);
        assertThrows(BridgeProtocolException.class, () -> FrameCodec.encode(frame));
    }

    @Test
    void truncatedHeaderAndBodyAreErrorsButACleanEndIsNot() throws IOException {
        assertNull(FrameCodec.read(new ByteArrayInputStream(new byte[0])));
        var header = assertThrows(BridgeProtocolException.class,
                () -> FrameCodec.read(new ByteArrayInputStream(new byte[5])));
        assertEquals("bridge stream ended inside a frame header (5 of 16 bytes)", header.getMessage());
        byte[] wire = FrameCodec.encode(new Frame(MsgType.response(RPCProc.RPC_START), 3, "{\"Result\":0}".getBytes()));
        var body = assertThrows(BridgeProtocolException.class,
                () -> FrameCodec.read(new ByteArrayInputStream(Arrays.copyOf(wire, wire.length - 1))));
        assertTrue(body.getMessage().startsWith("bridge stream ended inside the body of a Response(START)"),
                body.getMessage());
    }

    @Test
    void bodiesThatAreNotJsonObjectsAreProtocolErrors() {
        for (String bad : new String[] {"", "not json", "[1,2]", "42", "{\"a\":", "null"}) {
            assertThrows(BridgeProtocolException.class,
                    () -> BodyCodec.decode(bad.getBytes(StandardCharsets.UTF_8)), bad);
        }
    }

    @Test
    void writesJsonTheWayGoDoes() throws IOException {
        var node = Json.mapper().createObjectNode().put("Cmd", "a<b>&c\u2028").put("N", 4294967295L);
        assertEquals("{\"Cmd\":\"a\\u003cb\\u003e\\u0026c\\u2028\",\"N\":4294967295}\n",
                new String(BodyCodec.encode(node, BodyCodec.Writer.HOST), StandardCharsets.UTF_8));
        assertEquals(node, BodyCodec.decode(BodyCodec.encode(node, BodyCodec.Writer.GUEST)));
    }

    @Test
    void guestBodiesAreWrittenWithoutHtmlEscapingAndWithoutANewline() {
        var node = Json.mapper().createObjectNode().put("Cmd", "a<b>&c\u2028\u0001");
        assertEquals("{\"Cmd\":\"a<b>&c\\u2028\\u0001\"}",
                new String(BodyCodec.encode(node, BodyCodec.Writer.GUEST), StandardCharsets.UTF_8));
    }

    @Test
    void randomGarbageOnlyEverYieldsFramesOrProtocolErrors() {
        // Garbage must never hang the reader or escape as an unchecked exception.
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            byte[] garbage = new byte[random.nextInt(200)];
            random.nextBytes(garbage);
            if (i % 2 == 0 && garbage.length >= 8) {
                // Half the time make the size plausible so bodies get exercised too.
                int size = FrameCodec.HEADER_SIZE + random.nextInt(garbage.length);
                garbage[4] = (byte) size;
                garbage[5] = (byte) (size >> 8);
                garbage[6] = 0;
                garbage[7] = 0;
            }
            ByteArrayInputStream in = new ByteArrayInputStream(garbage);
            try {
                Frame frame;
                while ((frame = FrameCodec.read(in)) != null) {
                    try {
                        BodyCodec.decode(frame.body());
                    } catch (BridgeProtocolException expected) {
                        // bodies of garbage are rarely JSON
                    }
                }
            } catch (BridgeProtocolException expected) {
                assertTrue(expected.getMessage().startsWith("bridge "), expected.getMessage());
            } catch (IOException e) {
                throw new AssertionError("unexpected " + e, e);
            }
        }
    }

    @Test
    void framesSurviveConcatenation() throws IOException {
        Frame a = new Frame(MsgType.request(RPCProc.RPC_NEGOTIATE_PROTOCOL), 0, "{}\n".getBytes());
        Frame b = new Frame(MsgType.NOTIFY_CONTAINER, 0, new byte[0]);
        ByteArrayInputStream in = new ByteArrayInputStream(concat(FrameCodec.encode(a), FrameCodec.encode(b)));
        assertEquals(a, FrameCodec.read(in));
        Frame readB = FrameCodec.read(in);
        assertEquals(b.type(), readB.type());
        assertArrayEquals(new byte[0], readB.body());
        assertNull(FrameCodec.read(in));
    }
}
