package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** OCI runtime spec type {@code specs.SolarisCappedCPU}. */
public class SolarisCappedCPU extends OciObject {
    @JsonProperty("ncpus")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String ncpus;
}
