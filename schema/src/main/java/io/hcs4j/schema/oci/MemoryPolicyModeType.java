package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** OCI runtime spec string type {@code specs.MemoryPolicyModeType}: open like Go's named string, so values a newer host adds survive a round trip. */
public record MemoryPolicyModeType(@JsonValue String value) {
    public static final MemoryPolicyModeType MPOL_DEFAULT = new MemoryPolicyModeType("MPOL_DEFAULT");
    public static final MemoryPolicyModeType MPOL_BIND = new MemoryPolicyModeType("MPOL_BIND");
    public static final MemoryPolicyModeType MPOL_INTERLEAVE = new MemoryPolicyModeType("MPOL_INTERLEAVE");
    public static final MemoryPolicyModeType MPOL_WEIGHTED_INTERLEAVE = new MemoryPolicyModeType("MPOL_WEIGHTED_INTERLEAVE");
    public static final MemoryPolicyModeType MPOL_PREFERRED = new MemoryPolicyModeType("MPOL_PREFERRED");
    public static final MemoryPolicyModeType MPOL_PREFERRED_MANY = new MemoryPolicyModeType("MPOL_PREFERRED_MANY");
    public static final MemoryPolicyModeType MPOL_LOCAL = new MemoryPolicyModeType("MPOL_LOCAL");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static MemoryPolicyModeType of(String value) {
        return new MemoryPolicyModeType(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
