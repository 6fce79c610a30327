package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.CloseHandle}. */
public class CloseHandle {
    @JsonProperty("Handle")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public io.hcs4j.schema.guest.STDIOHandle handle;
}
