package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.HostedSystem}. */
public class HostedSystem {
    @JsonProperty("SchemaVersion")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Version schemaVersion;

    @JsonProperty("Container")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Container container;
}
