package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** HCS schema2 type {@code hcsschema.DeviceCategory}. */
public class DeviceCategory {
    @JsonProperty("name")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String name;

    @JsonProperty("interface_class")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<InterfaceClass> interfaceClass;
}
