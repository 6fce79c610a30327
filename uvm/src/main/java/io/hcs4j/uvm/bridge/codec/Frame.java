package io.hcs4j.uvm.bridge.codec;

import io.hcs4j.schema.guest.MsgType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One bridge message: the header's type and id, and the body bytes (UTF-8 JSON). The header's size field is
 * derived: {@link FrameCodec#HEADER_SIZE} + body length.
 */
public record Frame(int type, long id, byte[] body) {

    public Frame {
        Objects.requireNonNull(body, "body");
    }

    public int size() {
        return FrameCodec.HEADER_SIZE + body.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f && f.type == type && f.id == id && Arrays.equals(f.body, body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, id, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return MsgType.describe(type) + " id=" + id + " " + new String(body, StandardCharsets.UTF_8).strip();
    }
}
