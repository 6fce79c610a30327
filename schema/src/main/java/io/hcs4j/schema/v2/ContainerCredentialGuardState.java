package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.ContainerCredentialGuardState}. */
public class ContainerCredentialGuardState {
    @JsonProperty("Cookie")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String cookie;

    @JsonProperty("RpcEndpoint")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String rpcEndpoint;

    @JsonProperty("Transport")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String transport;

    @JsonProperty("CredentialSpec")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String credentialSpec;
}
