package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** HCS schema2 string type {@code hcsschema.MigrationMemoryTransport}: open like Go's named string, so values a newer host adds survive a round trip. */
public record MigrationMemoryTransport(@JsonValue String value) {
    public static final MigrationMemoryTransport TCP = new MigrationMemoryTransport("TCP");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static MigrationMemoryTransport of(String value) {
        return new MigrationMemoryTransport(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
