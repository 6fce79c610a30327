package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.CpuGroup}. */
public class CpuGroup {
    @JsonProperty("Id")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String id;
}
