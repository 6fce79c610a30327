package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/** HCS schema2 type {@code hcsschema.PropertyResponse}. */
public class PropertyResponse {
    @JsonProperty("Response")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public JsonNode response;
}
