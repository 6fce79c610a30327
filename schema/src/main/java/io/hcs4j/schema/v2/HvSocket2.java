package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.HvSocket2}. */
public class HvSocket2 {
    @JsonProperty("HvSocketConfig")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public HvSocketSystemConfig hvSocketConfig;
}
