package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** OCI runtime spec type {@code specs.WindowsHyperV}. */
public class WindowsHyperV extends OciObject {
    @JsonProperty("utilityVMPath")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String utilityVmPath;
}
