package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** HCS schema2 string type {@code hcsschema.MigrationFinalOperation}: open like Go's named string, so values a newer host adds survive a round trip. */
public record MigrationFinalOperation(@JsonValue String value) {
    public static final MigrationFinalOperation RESUME = new MigrationFinalOperation("Resume");
    public static final MigrationFinalOperation STOP = new MigrationFinalOperation("Stop");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static MigrationFinalOperation of(String value) {
        return new MigrationFinalOperation(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
