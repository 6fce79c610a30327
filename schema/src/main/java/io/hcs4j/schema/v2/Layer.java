package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.Layer}. */
public class Layer {
    @JsonProperty("Id")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String id;

    @JsonProperty("Path")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String path;

    @JsonProperty("PathType")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String pathType;

    @JsonProperty("Cache")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String cache;
}
