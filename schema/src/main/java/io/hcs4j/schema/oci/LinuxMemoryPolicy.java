package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hcs4j.schema.GoZero;
import java.util.List;

/** OCI runtime spec type {@code specs.LinuxMemoryPolicy}. */
public class LinuxMemoryPolicy extends OciObject {
    @JsonProperty("mode")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonSerialize(nullsUsing = GoZero.EmptyString.class)
    public MemoryPolicyModeType mode;

    @JsonProperty("nodes")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonSerialize(nullsUsing = GoZero.EmptyString.class)
    public String nodes;

    @JsonProperty("flags")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<MemoryPolicyFlagType> flags;
}
