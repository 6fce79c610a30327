package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** OCI runtime spec type {@code specs.LinuxPids}. */
public class LinuxPids extends OciObject {
    @JsonProperty("limit")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Long limit;
}
