package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.ProcessModifyRequest}. */
public class ProcessModifyRequest {
    @JsonProperty("Operation")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public io.hcs4j.schema.guest.ProcessModifyOperation operation;

    @JsonProperty("ConsoleSize")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public ConsoleSize consoleSize;

    @JsonProperty("CloseHandle")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public CloseHandle closeHandle;
}
