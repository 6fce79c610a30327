package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.ContainerCredentialGuardInstance}. */
public class ContainerCredentialGuardInstance {
    @JsonProperty("Id")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String id;

    @JsonProperty("CredentialGuard")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public ContainerCredentialGuardState credentialGuard;

    @JsonProperty("HvSocketConfig")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public ContainerCredentialGuardHvSocketServiceConfig hvSocketConfig;
}
