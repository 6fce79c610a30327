package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** HCS schema2 type {@code hcsschema.ContainerDefinitionDevice}. */
public class ContainerDefinitionDevice {
    @JsonProperty("device_extension")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<DeviceExtension> deviceExtension;
}
