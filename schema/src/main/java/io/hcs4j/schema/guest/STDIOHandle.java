package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** GCS bridge string type {@code guestrequest.STDIOHandle}: open like Go's named string, so values a newer host adds survive a round trip. */
public record STDIOHandle(@JsonValue String value) {
    public static final STDIOHandle STD_IN = new STDIOHandle("StdIn");
    public static final STDIOHandle STD_OUT = new STDIOHandle("StdOut");
    public static final STDIOHandle STD_ERR = new STDIOHandle("StdErr");
    public static final STDIOHandle ALL = new STDIOHandle("All");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static STDIOHandle of(String value) {
        return new STDIOHandle(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
