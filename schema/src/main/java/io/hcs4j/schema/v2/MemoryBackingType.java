package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** HCS schema2 string type {@code hcsschema.MemoryBackingType}: open like Go's named string, so values a newer host adds survive a round trip. */
public record MemoryBackingType(@JsonValue String value) {
    public static final MemoryBackingType PHYSICAL = new MemoryBackingType("Physical");
    public static final MemoryBackingType VIRTUAL = new MemoryBackingType("Virtual");
    public static final MemoryBackingType HYBRID = new MemoryBackingType("Hybrid");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static MemoryBackingType of(String value) {
        return new MemoryBackingType(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
