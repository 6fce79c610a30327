package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.NetworkAdapter}. */
public class NetworkAdapter {
    @JsonProperty("EndpointId")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String endpointId;

    @JsonProperty("MacAddress")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String macAddress;

    @JsonProperty("IovSettings")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public IovSettings iovSettings;
}
