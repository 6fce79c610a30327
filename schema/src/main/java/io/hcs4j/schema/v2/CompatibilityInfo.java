package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.CompatibilityInfo}. */
public class CompatibilityInfo {
    @JsonProperty("Data")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public byte[] data;
}
