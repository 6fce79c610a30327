package io.hcs4j.schema.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hcs4j.schema.GoZero;

/** HCS schema1 type {@code schema1.ResourceModificationRequestResponse}. */
public class ResourceModificationRequestResponse {
    @JsonProperty("ResourceType")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonSerialize(nullsUsing = GoZero.EmptyString.class)
    public ResourceType resource;

    @JsonProperty("Settings")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public Object data;

    @JsonProperty("RequestType")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public RequestType request;
}
