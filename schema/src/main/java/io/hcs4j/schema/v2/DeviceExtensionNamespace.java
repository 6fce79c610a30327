package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.DeviceExtensionNamespace}. */
public class DeviceExtensionNamespace {
    @JsonProperty("ob")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public ObjectNamespace ob;

    @JsonProperty("device")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public DeviceNamespace device;
}
