package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** HCS schema2 type {@code hcsschema.HvSocketSystemConfig}. */
public class HvSocketSystemConfig {
    @JsonProperty("DefaultBindSecurityDescriptor")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String defaultBindSecurityDescriptor;

    @JsonProperty("DefaultConnectSecurityDescriptor")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String defaultConnectSecurityDescriptor;

    @JsonProperty("ServiceTable")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public Map<String, HvSocketServiceConfig> serviceTable;
}
