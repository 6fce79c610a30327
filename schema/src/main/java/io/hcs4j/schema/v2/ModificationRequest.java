package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.ModificationRequest}. */
public class ModificationRequest {
    @JsonProperty("PropertyType")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public PropertyType propertyType;

    @JsonProperty("Settings")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Object settings;
}
