package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** OCI runtime spec string type {@code specs.MemoryPolicyFlagType}: open like Go's named string, so values a newer host adds survive a round trip. */
public record MemoryPolicyFlagType(@JsonValue String value) {
    public static final MemoryPolicyFlagType MPOL_F_NUMA_BALANCING = new MemoryPolicyFlagType("MPOL_F_NUMA_BALANCING");
    public static final MemoryPolicyFlagType MPOL_F_RELATIVE_NODES = new MemoryPolicyFlagType("MPOL_F_RELATIVE_NODES");
    public static final MemoryPolicyFlagType MPOL_F_STATIC_NODES = new MemoryPolicyFlagType("MPOL_F_STATIC_NODES");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static MemoryPolicyFlagType of(String value) {
        return new MemoryPolicyFlagType(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
