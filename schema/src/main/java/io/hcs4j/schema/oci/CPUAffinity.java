package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** OCI runtime spec type {@code specs.CPUAffinity}. */
public class CPUAffinity extends OciObject {
    @JsonProperty("initial")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String initial;

    @JsonProperty("final")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String final_;
}
