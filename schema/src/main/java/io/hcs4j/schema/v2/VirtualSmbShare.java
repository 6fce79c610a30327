package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** HCS schema2 type {@code hcsschema.VirtualSmbShare}. */
public class VirtualSmbShare {
    @JsonProperty("Name")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String name;

    @JsonProperty("Path")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String path;

    @JsonProperty("AllowedFiles")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<String> allowedFiles;

    @JsonProperty("Options")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public VirtualSmbShareOptions options;
}
