package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.ContainerCredentialGuardHvSocketServiceConfig}. */
public class ContainerCredentialGuardHvSocketServiceConfig {
    @JsonProperty("ServiceId")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String serviceId;

    @JsonProperty("ServiceConfig")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public HvSocketServiceConfig serviceConfig;
}
