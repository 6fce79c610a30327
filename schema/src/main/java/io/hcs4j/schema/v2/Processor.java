package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.Processor}. */
public class Processor {
    @JsonProperty("Count")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int count;

    @JsonProperty("Maximum")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int maximum;

    @JsonProperty("Weight")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int weight;
}
