package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** HCS schema2 type {@code hcsschema.FlexibleIoDevice}. */
public class FlexibleIoDevice {
    @JsonProperty("EmulatorId")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String emulatorId;

    @JsonProperty("HostingModel")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String hostingModel;

    @JsonProperty("Configuration")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<String> configuration;
}
