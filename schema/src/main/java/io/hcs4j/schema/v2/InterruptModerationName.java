package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** HCS schema2 string type {@code hcsschema.InterruptModerationName}: open like Go's named string, so values a newer host adds survive a round trip. */
public record InterruptModerationName(@JsonValue String value) {
    public static final InterruptModerationName DEFAULT = new InterruptModerationName("Default");
    public static final InterruptModerationName ADAPTIVE = new InterruptModerationName("Adaptive");
    public static final InterruptModerationName OFF = new InterruptModerationName("Off");
    public static final InterruptModerationName LOW = new InterruptModerationName("Low");
    public static final InterruptModerationName MEDIUM = new InterruptModerationName("Medium");
    public static final InterruptModerationName HIGH = new InterruptModerationName("High");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static InterruptModerationName of(String value) {
        return new InterruptModerationName(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
