package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.Version}. */
public class Version {
    @JsonProperty("Major")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int major;

    @JsonProperty("Minor")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int minor;
}
