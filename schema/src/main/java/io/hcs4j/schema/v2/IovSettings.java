package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.hcs4j.schema.Unsigned;

/** HCS schema2 type {@code hcsschema.IovSettings}. */
public class IovSettings {
    @JsonProperty("OffloadWeight")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonDeserialize(using = Unsigned.U32.class)
    public Long offloadWeight;

    @JsonProperty("QueuePairsRequested")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonDeserialize(using = Unsigned.U32.class)
    public Long queuePairsRequested;

    @JsonProperty("InterruptModeration")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public InterruptModerationName interruptModeration;
}
