package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** OCI runtime spec type {@code specs.LinuxNetDevice}. */
public class LinuxNetDevice extends OciObject {
    @JsonProperty("name")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String name;
}
