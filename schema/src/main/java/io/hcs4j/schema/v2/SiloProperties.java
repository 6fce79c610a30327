package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.SiloProperties}. */
public class SiloProperties {
    @JsonProperty("Enabled")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean enabled;

    @JsonProperty("JobName")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String jobName;
}
