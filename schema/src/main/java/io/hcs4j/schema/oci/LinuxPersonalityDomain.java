package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** OCI runtime spec string type {@code specs.LinuxPersonalityDomain}: open like Go's named string, so values a newer host adds survive a round trip. */
public record LinuxPersonalityDomain(@JsonValue String value) {
    public static final LinuxPersonalityDomain LINUX = new LinuxPersonalityDomain("LINUX");
    public static final LinuxPersonalityDomain LINUX32 = new LinuxPersonalityDomain("LINUX32");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static LinuxPersonalityDomain of(String value) {
        return new LinuxPersonalityDomain(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
