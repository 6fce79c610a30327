package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.PauseNotification}. */
public class PauseNotification {
    @JsonProperty("Reason")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String reason;
}
