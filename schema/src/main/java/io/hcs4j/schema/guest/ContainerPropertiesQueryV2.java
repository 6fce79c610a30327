package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** GCS bridge type {@code prot.ContainerPropertiesQueryV2}. */
public class ContainerPropertiesQueryV2 {
    @JsonProperty("PropertyTypes")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<io.hcs4j.schema.v2.PropertyType> propertyTypes;

    @JsonProperty("Queries")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public Map<String, Object> queries;
}
