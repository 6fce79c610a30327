package io.hcs4j.shim.ttrpc;

import java.io.IOException;

/** A frame declared a payload above {@link FrameCodec#MAX_PAYLOAD}; its bytes were skipped. */
public final class OversizedFrameException extends IOException {
    private final int streamId;
    private final byte type;

    public OversizedFrameException(int streamId, byte type, long length) {
        super("ttrpc frame on stream " + Integer.toUnsignedString(streamId) + " declares " + length
                + " bytes, above the " + FrameCodec.MAX_PAYLOAD + "-byte limit");
        this.streamId = streamId;
        this.type = type;
    }

    public int streamId() {
        return streamId;
    }

    public byte type() {
        return type;
    }
}
