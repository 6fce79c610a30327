package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.HostProcessorModificationRequest}. */
public class HostProcessorModificationRequest {
    @JsonProperty("Operation")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public CPUGroupOperation operation;

    @JsonProperty("OperationDetails")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Object operationDetails;
}
