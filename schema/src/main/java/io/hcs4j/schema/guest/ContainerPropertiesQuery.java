package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** GCS bridge type {@code prot.ContainerPropertiesQuery}. */
public class ContainerPropertiesQuery {
    @JsonProperty("PropertyTypes")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<io.hcs4j.schema.v1.PropertyType> propertyTypes;
}
