package io.hcs4j.shim.ttrpc;

/**
 * One ttrpc frame: a 10-byte big-endian header (payload length u32, stream id u32, type u8, flags u8)
 * followed by the payload.
 */
public record Frame(int streamId, byte type, byte flags, byte[] payload) {
    public static final byte TYPE_REQUEST = 1;
    public static final byte TYPE_RESPONSE = 2;
    public static final byte TYPE_DATA = 3;

    public Frame {
        if (payload == null) {
            throw new IllegalArgumentException("payload must not be null");
        }
    }
}
