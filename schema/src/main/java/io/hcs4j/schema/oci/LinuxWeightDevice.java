package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.hcs4j.schema.Unsigned;

/** OCI runtime spec type {@code specs.LinuxWeightDevice}. */
public class LinuxWeightDevice extends LinuxBlockIODevice {
    @JsonProperty("weight")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonDeserialize(using = Unsigned.U16.class)
    public Integer weight;

    @JsonProperty("leafWeight")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonDeserialize(using = Unsigned.U16.class)
    public Integer leafWeight;
}
