package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.SecuritySettings}. */
public class SecuritySettings {
    @JsonProperty("EnableTpm")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean enableTpm;

    @JsonProperty("Isolation")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public IsolationSettings isolation;
}
