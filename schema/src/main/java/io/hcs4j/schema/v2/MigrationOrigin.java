package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** HCS schema2 string type {@code hcsschema.MigrationOrigin}: open like Go's named string, so values a newer host adds survive a round trip. */
public record MigrationOrigin(@JsonValue String value) {
    public static final MigrationOrigin SOURCE = new MigrationOrigin("Source");
    public static final MigrationOrigin DESTINATION = new MigrationOrigin("Destination");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static MigrationOrigin of(String value) {
        return new MigrationOrigin(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
