package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.StorageQoS}. */
public class StorageQoS {
    @JsonProperty("IopsMaximum")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int iopsMaximum;

    @JsonProperty("BandwidthMaximum")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int bandwidthMaximum;
}
