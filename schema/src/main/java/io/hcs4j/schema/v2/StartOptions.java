package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.StartOptions}. */
public class StartOptions {
    @JsonProperty("DestinationMigrationOptions")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public MigrationStartOptions destinationMigrationOptions;
}
