package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** GCS bridge type {@code guestrequest.LogForwardServiceRPCRequest}. */
public class LogForwardServiceRPCRequest {
    @JsonProperty("RPCType")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public RPCType rpcType;

    @JsonProperty("Settings")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String settings;
}
