package io.hcs4j.schema.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** HCS schema1 type {@code schema1.ComputeSystemQuery}. */
public class ComputeSystemQuery {
    @JsonProperty("Ids")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<String> iDs;

    @JsonProperty("Types")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<String> types;

    @JsonProperty("Names")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<String> names;

    @JsonProperty("Owners")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<String> owners;
}
