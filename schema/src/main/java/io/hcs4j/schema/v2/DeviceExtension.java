package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.DeviceExtension}. */
public class DeviceExtension {
    @JsonProperty("device_category")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public DeviceCategory deviceCategory;

    @JsonProperty("namespace")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public DeviceExtensionNamespace namespace;
}
