package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** GCS bridge type {@code guestrequest.RS4NetworkModifyRequest}. */
public class RS4NetworkModifyRequest {
    @JsonProperty("AdapterInstanceId")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String adapterInstanceId;

    @JsonProperty("RequestType")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public RequestType requestType;

    @JsonProperty("Settings")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Object settings;
}
