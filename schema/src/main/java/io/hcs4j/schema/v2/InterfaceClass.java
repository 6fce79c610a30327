package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.InterfaceClass}. */
public class InterfaceClass {
    @JsonProperty("type")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String type;

    @JsonProperty("identifier")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String identifier;

    @JsonProperty("recurse")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean recurse;
}
