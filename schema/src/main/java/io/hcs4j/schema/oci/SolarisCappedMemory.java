package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** OCI runtime spec type {@code specs.SolarisCappedMemory}. */
public class SolarisCappedMemory extends OciObject {
    @JsonProperty("physical")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String physical;

    @JsonProperty("swap")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String swap;
}
