package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** HCS schema2 type {@code hcsschema.PropertyQuery}. */
public class PropertyQuery {
    @JsonProperty("PropertyTypes")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<PropertyType> propertyTypes;

    @JsonProperty("Queries")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public Map<String, Object> queries;
}
