package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hcs4j.schema.GoZero;
import java.util.Map;
import java.util.UUID;

/** GCS bridge type {@code prot.RequestBase}. */
public class RequestBase {
    @JsonProperty("ContainerId")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonSerialize(nullsUsing = GoZero.EmptyString.class)
    public String containerId;

    @JsonProperty("ActivityId")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public UUID activityId = GoZero.GUID;

    @JsonProperty("otsc")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public Map<String, String> openTelemetrySpanContext;

    @JsonProperty("ocsc")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Ocspancontext openCensusSpanContext;
}
