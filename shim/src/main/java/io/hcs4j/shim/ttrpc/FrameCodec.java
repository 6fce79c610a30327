package io.hcs4j.shim.ttrpc;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Reads and writes ttrpc frames. Pure framing: it knows nothing of requests, services or status.
 *
 * <p>A frame whose declared length exceeds {@link #MAX_PAYLOAD} is not buffered: its payload is skipped and
 * {@link OversizedFrameException} reports the stream it belonged to, so the connection stays usable and the
 * caller can answer that stream with RESOURCE_EXHAUSTED (what ttrpc peers do). A payload's buffer grows as its
 * bytes arrive, so a header alone never makes the reader allocate what it declares.
 */
public final class FrameCodec {
    public static final int HEADER_SIZE = 10;
    /** ttrpc's message length cap: 4 MiB of payload. */
    public static final int MAX_PAYLOAD = 4 << 20;
    /** The most a payload's buffer holds before its bytes have arrived. */
    static final int INITIAL_PAYLOAD_BUFFER = 64 << 10;

    private FrameCodec() {
    }

    /** Reads one frame; returns null on a clean end of stream before a header starts. */
    public static Frame read(InputStream in) throws IOException {
        return read(in, () -> { });
    }

    /** As {@link #read(InputStream)}, calling {@code onFrameStart} once the frame's first byte has arrived. */
    public static Frame read(InputStream in, Runnable onFrameStart) throws IOException {
        byte[] header = new byte[HEADER_SIZE];
        int first = in.read();
        if (first < 0) {
            return null;
        }
        onFrameStart.run();
        header[0] = (byte) first;
        readFully(in, header, 1, HEADER_SIZE - 1);
        long length = readU32(header, 0);
        int streamId = (int) readU32(header, 4);
        byte type = header[8];
        byte flags = header[9];
        if (length > MAX_PAYLOAD) {
            skipFully(in, length);
            throw new OversizedFrameException(streamId, type, length);
        }
        return new Frame(streamId, type, flags, readPayload(in, (int) length));
    }

    /** Reads {@code length} bytes into a buffer that doubles as they arrive. */
    private static byte[] readPayload(InputStream in, int length) throws IOException {
        byte[] payload = new byte[Math.min(length, INITIAL_PAYLOAD_BUFFER)];
        int read = 0;
        while (read < length) {
            if (read == payload.length) {
                payload = Arrays.copyOf(payload, (int) Math.min(length, 2L * payload.length));
            }
            int n = in.read(payload, read, payload.length - read);
            if (n < 0) {
                throw new EOFException("ttrpc connection closed inside a frame");
            }
            read += n;
        }
        return payload;
    }

    /** Writes one frame in a single write call (callers serialize writers per connection). */
    public static void write(OutputStream out, Frame frame) throws IOException {
        out.write(encode(frame));
        out.flush();
    }

    public static byte[] encode(Frame frame) {
        int length = frame.payload().length;
        if (length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("ttrpc payload of " + length + " bytes exceeds " + MAX_PAYLOAD);
        }
        byte[] bytes = new byte[HEADER_SIZE + length];
        writeU32(bytes, 0, length);
        writeU32(bytes, 4, frame.streamId());
        bytes[8] = frame.type();
        bytes[9] = frame.flags();
        System.arraycopy(frame.payload(), 0, bytes, HEADER_SIZE, length);
        return bytes;
    }

    private static long readU32(byte[] b, int off) {
        return ((b[off] & 0xFFL) << 24) | ((b[off + 1] & 0xFFL) << 16) | ((b[off + 2] & 0xFFL) << 8) | (b[off + 3] & 0xFFL);
    }

    private static void writeU32(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    private static void readFully(InputStream in, byte[] buf, int off, int len) throws IOException {
        while (len > 0) {
            int n = in.read(buf, off, len);
            if (n < 0) {
                throw new EOFException("ttrpc connection closed inside a frame");
            }
            off += n;
            len -= n;
        }
    }

    private static void skipFully(InputStream in, long len) throws IOException {
        byte[] scratch = new byte[8192];
        while (len > 0) {
            int n = in.read(scratch, 0, (int) Math.min(scratch.length, len));
            if (n < 0) {
                throw new EOFException("ttrpc connection closed inside an oversized frame");
            }
            len -= n;
        }
    }
}
