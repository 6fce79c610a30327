package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** HCS schema2 type {@code hcsschema.ServiceProperties}. */
public class ServiceProperties {
    @JsonProperty("Properties")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<JsonNode> properties;
}
