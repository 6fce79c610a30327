package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.ObjectSymlink}. */
public class ObjectSymlink {
    @JsonProperty("name")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String name;

    @JsonProperty("path")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String path;

    @JsonProperty("scope")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String scope;

    @JsonProperty("pathtoclone")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String pathtoclone;

    @JsonProperty("access_mask")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int accessMask;
}
