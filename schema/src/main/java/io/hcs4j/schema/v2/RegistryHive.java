package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** HCS schema2 string type {@code hcsschema.RegistryHive}: open like Go's named string, so values a newer host adds survive a round trip. */
public record RegistryHive(@JsonValue String value) {
    public static final RegistryHive SYSTEM = new RegistryHive("System");
    public static final RegistryHive SOFTWARE = new RegistryHive("Software");
    public static final RegistryHive SECURITY = new RegistryHive("Security");
    public static final RegistryHive SAM = new RegistryHive("Sam");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static RegistryHive of(String value) {
        return new RegistryHive(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
