package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** OCI runtime spec type {@code specs.VM}. */
public class VM extends OciObject {
    @JsonProperty("hypervisor")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public VMHypervisor hypervisor;

    @JsonProperty("kernel")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public VMKernel kernel;

    @JsonProperty("image")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public VMImage image;

    @JsonProperty("hwconfig")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public HWConfig hwConfig;
}
