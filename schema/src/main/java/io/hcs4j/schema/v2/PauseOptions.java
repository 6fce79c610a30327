package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.PauseOptions}. */
public class PauseOptions {
    @JsonProperty("SuspensionLevel")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String suspensionLevel;

    @JsonProperty("HostedNotification")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public PauseNotification hostedNotification;
}
