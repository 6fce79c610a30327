package io.hcs4j.schema.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** HCS schema1 type {@code schema1.PropertyQuery}. */
public class PropertyQuery {
    @JsonProperty("PropertyTypes")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<PropertyType> propertyTypes;
}
