package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.ComPort}. */
public class ComPort {
    @JsonProperty("NamedPipe")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String namedPipe;

    @JsonProperty("OptimizeForDebugger")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean optimizeForDebugger;
}
