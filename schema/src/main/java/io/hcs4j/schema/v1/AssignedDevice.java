package io.hcs4j.schema.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema1 type {@code schema1.AssignedDevice}. */
public class AssignedDevice {
    @JsonProperty("InterfaceClassGuid")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String interfaceClassGuid;
}
