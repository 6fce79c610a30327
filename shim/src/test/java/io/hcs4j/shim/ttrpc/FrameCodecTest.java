package io.hcs4j.shim.ttrpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.SequenceInputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class FrameCodecTest {

    @Test
    void encodesTheTenByteBigEndianHeader() {
        byte[] bytes = FrameCodec.encode(new Frame(0x01020305, Frame.TYPE_RESPONSE, (byte) 0x04, new byte[] {9, 8, 7}));
        assertArrayEquals(new byte[] {0, 0, 0, 3, 1, 2, 3, 5, 2, 4, 9, 8, 7}, bytes);
    }

    @Test
    void roundTripsAndStopsCleanlyAtEndOfStream() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameCodec.write(out, new Frame(1, Frame.TYPE_REQUEST, (byte) 0, "abc".getBytes()));
        FrameCodec.write(out, new Frame(-1, Frame.TYPE_DATA, (byte) 0x7, new byte[0]));
        ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
        Frame a = FrameCodec.read(in);
        Frame b = FrameCodec.read(in);
        assertEquals(1, a.streamId());
        assertArrayEquals("abc".getBytes(), a.payload());
        assertEquals(0xFFFFFFFFL, Integer.toUnsignedLong(b.streamId()));
        assertEquals(Frame.TYPE_DATA, b.type());
        assertEquals(7, b.flags());
        assertEquals(0, b.payload().length);
        assertNull(FrameCodec.read(in));
    }

    @Test
    void truncatedHeaderOrPayloadIsAnEofError() {
        byte[] full = FrameCodec.encode(new Frame(1, Frame.TYPE_REQUEST, (byte) 0, new byte[] {1, 2, 3, 4}));
        for (int cut = 1; cut < full.length; cut++) {
            byte[] part = java.util.Arrays.copyOf(full, cut);
            assertThrows(EOFException.class, () -> FrameCodec.read(new ByteArrayInputStream(part)), "cut at " + cut);
        }
    }

    @Test
    void oversizedFrameIsSkippedAndTheNextFrameStillReads() throws IOException {
        int length = FrameCodec.MAX_PAYLOAD + 1;
        byte[] header = {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length, 0, 0, 0, 5, 1, 0};
        byte[] next = FrameCodec.encode(new Frame(7, Frame.TYPE_REQUEST, (byte) 0, new byte[] {42}));
        var in = new SequenceInputStream(new SequenceInputStream(new ByteArrayInputStream(header),
                new ByteArrayInputStream(new byte[length])), new ByteArrayInputStream(next));
        OversizedFrameException e = assertThrows(OversizedFrameException.class, () -> FrameCodec.read(in));
        assertEquals(5, e.streamId());
        Frame f = FrameCodec.read(in);
        assertEquals(7, f.streamId());
        assertArrayEquals(new byte[] {42}, f.payload());
    }

    @Test
    void refusesToEncodeAnOversizedPayload() {
        assertThrows(IllegalArgumentException.class,
                () -> FrameCodec.encode(new Frame(1, Frame.TYPE_REQUEST, (byte) 0, new byte[FrameCodec.MAX_PAYLOAD + 1])));
    }

    /** Randomized frames (seeded, reproducible): any byte soup either decodes, or fails with an IOException. */
    @Test
    void fuzzedInputNeverEscapesAsAnUncheckedError() {
        Random random = new Random(0x77727063L);
        for (int i = 0; i < 20_000; i++) {
            byte[] soup = new byte[random.nextInt(64)];
            random.nextBytes(soup);
            if (soup.length >= 4 && random.nextBoolean()) {
                soup[0] = 0; // keep many declared lengths small enough to be plausible
                soup[1] = 0;
            }
            ByteArrayInputStream in = new ByteArrayInputStream(soup);
            try {
                while (FrameCodec.read(in) != null) {
                    // consume frames until the soup ends
                }
            } catch (IOException expected) {
                // EOF inside a frame, or an oversized declaration: both are clear, checked errors
            }
        }
    }

    @Test
    void fuzzedFramesRoundTripExactly() throws IOException {
        Random random = new Random(42);
        for (int i = 0; i < 2_000; i++) {
            byte[] payload = new byte[random.nextInt(2048)];
            random.nextBytes(payload);
            Frame f = new Frame(random.nextInt(), (byte) random.nextInt(), (byte) random.nextInt(), payload);
            Frame back = FrameCodec.read(new ByteArrayInputStream(FrameCodec.encode(f)));
            assertEquals(f.streamId(), back.streamId());
            assertEquals(f.type(), back.type());
            assertEquals(f.flags(), back.flags());
            assertTrue(java.util.Arrays.equals(payload, back.payload()));
        }
    }

    /** Issue 15, defect 3: an 11-byte header declaring 4 MiB made the reader allocate 4 MiB before the payload came. */
    @Test
    void aHeaderDeclaringFourMiBAllocatesOnlyForTheBytesThatArrive() {
        int length = FrameCodec.MAX_PAYLOAD;
        byte[] eleven = {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length, 0, 0, 0, 1, 1, 0, 42};
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        assertThrows(EOFException.class, () -> FrameCodec.read(new ByteArrayInputStream(eleven)));
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 1 << 20, "allocated " + allocated + " bytes for one payload byte");
    }

    @Test
    void aLargePayloadArrivingInPiecesIsReadWhole() throws IOException {
        byte[] payload = new byte[3 * FrameCodec.INITIAL_PAYLOAD_BUFFER + 17];
        new Random(7).nextBytes(payload);
        byte[] bytes = FrameCodec.encode(new Frame(9, Frame.TYPE_REQUEST, (byte) 0, payload));
        java.io.InputStream trickle = new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1000));
            }
        };
        assertArrayEquals(payload, FrameCodec.read(trickle).payload());
    }
}
