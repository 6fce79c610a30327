package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/** HCS schema2 type {@code hcsschema.OperationSystemMigrationNotificationInfo}. */
public class OperationSystemMigrationNotificationInfo {
    @JsonProperty("Origin")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public MigrationOrigin origin;

    @JsonProperty("Event")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public MigrationEvent event;

    @JsonProperty("Result")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public MigrationResult result;

    @JsonProperty("AdditionalDetails")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public JsonNode additionalDetails;
}
