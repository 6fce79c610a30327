package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.HvSocketServiceConfig}. */
public class HvSocketServiceConfig {
    @JsonProperty("BindSecurityDescriptor")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String bindSecurityDescriptor;

    @JsonProperty("ConnectSecurityDescriptor")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String connectSecurityDescriptor;

    @JsonProperty("AllowWildcardBinds")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean allowWildcardBinds;

    @JsonProperty("Disabled")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean disabled;
}
