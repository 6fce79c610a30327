package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.ContainerCredentialGuardOperationRequest}. */
public class ContainerCredentialGuardOperationRequest {
    @JsonProperty("Operation")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public ContainerCredentialGuardModifyOperation operation;

    @JsonProperty("OperationDetails")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Object operationDetails;
}
