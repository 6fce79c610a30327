package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** HCS schema2 string type {@code hcsschema.IsolationType}: open like Go's named string, so values a newer host adds survive a round trip. */
public record IsolationType(@JsonValue String value) {
    public static final IsolationType HOST_PROCESS = new IsolationType("HostProcess");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static IsolationType of(String value) {
        return new IsolationType(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
