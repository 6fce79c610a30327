package io.hcs4j.uvm.bridge.codec;

import io.hcs4j.schema.guest.MsgType;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Framing of the GCS bridge: a 16-byte little-endian header (type u32, size u32 including the header, id u64)
 * followed by the body. Frames smaller than the header or larger than {@link #MAX_FRAME_SIZE} are rejected in
 * both directions. Stateless; knows nothing of JSON or of RPCs.
 */
public final class FrameCodec {
    public static final int HEADER_SIZE = 16;
    public static final int MAX_FRAME_SIZE = 0x10000;

    private FrameCodec() {
    }

    /** The frame's bytes, header first. */
    public static byte[] encode(Frame frame) throws BridgeProtocolException {
        int size = checkSize(frame.size());
        ByteBuffer buf = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        buf.putInt(frame.type()).putInt(size).putLong(frame.id()).put(frame.body());
        return buf.array();
    }

    public static void write(OutputStream out, Frame frame) throws IOException {
        out.write(encode(frame));
        out.flush();
    }

    /** The header bytes of a frame of the given type, total size and id. */
    public static byte[] header(int type, int size, long id) {
        return ByteBuffer.allocate(HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(type).putInt(size).putLong(id).array();
    }

    /**
     * Reads one frame. Returns null at a clean end of stream (before the first header byte); throws
     * {@link BridgeProtocolException} for a bad size or a stream that ends inside a frame.
     */
    public static Frame read(InputStream in) throws IOException {
        byte[] header = new byte[HEADER_SIZE];
        int got = in.readNBytes(header, 0, HEADER_SIZE);
        if (got == 0) {
            return null;
        }
        if (got < HEADER_SIZE) {
            throw new BridgeProtocolException("bridge stream ended inside a frame header (" + got + " of 16 bytes)");
        }
        ByteBuffer buf = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        int type = buf.getInt();
        int size = checkSize(buf.getInt());
        long id = buf.getLong();
        byte[] body = new byte[size - HEADER_SIZE];
        if (in.readNBytes(body, 0, body.length) < body.length) {
            throw new BridgeProtocolException("bridge stream ended inside the body of a "
                    + MsgType.describe(type) + " frame of " + size + " bytes", new EOFException());
        }
        return new Frame(type, id, body);
    }

    private static int checkSize(int size) throws BridgeProtocolException {
        // Read as unsigned: a size field above 2^31 is oversized, not negative.
        long unsigned = Integer.toUnsignedLong(size);
        if (unsigned < HEADER_SIZE) {
            throw new BridgeProtocolException("bridge frame size " + unsigned + " is smaller than the 16-byte header");
        }
        if (unsigned > MAX_FRAME_SIZE) {
            throw new BridgeProtocolException("bridge frame size " + unsigned + " exceeds the limit of "
                    + MAX_FRAME_SIZE + " bytes");
        }
        return size;
    }
}
