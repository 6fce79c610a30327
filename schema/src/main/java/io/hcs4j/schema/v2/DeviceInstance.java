package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** HCS schema2 type {@code hcsschema.DeviceInstance}. */
public class DeviceInstance {
    @JsonProperty("id")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String id;

    @JsonProperty("location_path")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String locationPath;

    @JsonProperty("port_name")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String portName;

    @JsonProperty("interface_class")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<InterfaceClass> interfaceClass;
}
