package io.hcs4j.schema.v1;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** HCS schema1 string type {@code schema1.PropertyType}: open like Go's named string, so values a newer host adds survive a round trip. */
public record PropertyType(@JsonValue String value) {
    public static final PropertyType STATISTICS = new PropertyType("Statistics");
    public static final PropertyType PROCESS_LIST = new PropertyType("ProcessList");
    public static final PropertyType MAPPED_VIRTUAL_DISK = new PropertyType("MappedVirtualDisk");
    public static final PropertyType GUEST_CONNECTION = new PropertyType("GuestConnection");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static PropertyType of(String value) {
        return new PropertyType(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
