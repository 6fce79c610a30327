package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** HCS schema2 type {@code hcsschema.Plan9Share}. */
public class Plan9Share {
    @JsonProperty("Name")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String name;

    @JsonProperty("AccessName")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String accessName;

    @JsonProperty("Path")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String path;

    @JsonProperty("Port")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int port;

    @JsonProperty("Flags")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int flags;

    @JsonProperty("AllowedFiles")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<String> allowedFiles;
}
