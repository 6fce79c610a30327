package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.hcs4j.schema.Unsigned;

/** OCI runtime spec type {@code specs.LinuxRdma}. */
public class LinuxRdma extends OciObject {
    @JsonProperty("hcaHandles")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonDeserialize(using = Unsigned.U32.class)
    public Long hcaHandles;

    @JsonProperty("hcaObjects")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonDeserialize(using = Unsigned.U32.class)
    public Long hcaObjects;
}
