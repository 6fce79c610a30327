package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.Device}. */
public class Device {
    @JsonProperty("Type")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public DeviceType type;

    @JsonProperty("InterfaceClassGuid")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String interfaceClassGuid;

    @JsonProperty("LocationPath")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String locationPath;
}
