package io.hcs4j.schema.v1;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** HCS schema1 string type {@code schema1.ResourceType}: open like Go's named string, so values a newer host adds survive a round trip. */
public record ResourceType(@JsonValue String value) {
    public static final ResourceType NETWORK = new ResourceType("Network");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ResourceType of(String value) {
        return new ResourceType(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
