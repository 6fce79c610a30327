package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** GCS bridge type {@code guestrequest.ModificationRequest}. */
public class ModificationRequest {
    @JsonProperty("RequestType")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public RequestType requestType;

    @JsonProperty("ResourceType")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public ResourceType resourceType;

    @JsonProperty("Settings")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Object settings;
}
