package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** OCI runtime spec string type {@code specs.LinuxPersonalityFlag}: open like Go's named string, so values a newer host adds survive a round trip. */
public record LinuxPersonalityFlag(@JsonValue String value) {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static LinuxPersonalityFlag of(String value) {
        return new LinuxPersonalityFlag(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
