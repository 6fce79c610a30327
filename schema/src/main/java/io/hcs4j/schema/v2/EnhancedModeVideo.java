package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.EnhancedModeVideo}. */
public class EnhancedModeVideo {
    @JsonProperty("ConnectionOptions")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public RdpConnectionOptions connectionOptions;
}
