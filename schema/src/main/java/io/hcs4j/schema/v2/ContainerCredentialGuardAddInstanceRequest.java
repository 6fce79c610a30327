package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.ContainerCredentialGuardAddInstanceRequest}. */
public class ContainerCredentialGuardAddInstanceRequest {
    @JsonProperty("Id")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String id;

    @JsonProperty("CredentialSpec")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String credentialSpec;

    @JsonProperty("Transport")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String transport;
}
