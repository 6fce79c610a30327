package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** HCS schema2 type {@code hcsschema.DeviceNamespace}. */
public class DeviceNamespace {
    @JsonProperty("requires_driverstore")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean requiresDriverstore;

    @JsonProperty("device_category")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<DeviceCategory> deviceCategory;

    @JsonProperty("device_instance")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<DeviceInstance> deviceInstance;
}
