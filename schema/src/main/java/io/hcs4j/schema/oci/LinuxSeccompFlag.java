package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** OCI runtime spec string type {@code specs.LinuxSeccompFlag}: open like Go's named string, so values a newer host adds survive a round trip. */
public record LinuxSeccompFlag(@JsonValue String value) {
    public static final LinuxSeccompFlag SECCOMP_FILTER_FLAG_LOG = new LinuxSeccompFlag("SECCOMP_FILTER_FLAG_LOG");
    public static final LinuxSeccompFlag SECCOMP_FILTER_FLAG_SPEC_ALLOW = new LinuxSeccompFlag("SECCOMP_FILTER_FLAG_SPEC_ALLOW");
    public static final LinuxSeccompFlag SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV = new LinuxSeccompFlag("SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static LinuxSeccompFlag of(String value) {
        return new LinuxSeccompFlag(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
