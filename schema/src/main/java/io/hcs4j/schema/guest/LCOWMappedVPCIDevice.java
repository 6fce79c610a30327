package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** GCS bridge type {@code guestresource.LCOWMappedVPCIDevice}. */
public class LCOWMappedVPCIDevice {
    @JsonProperty("VMBusGUID")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String vmBusGuid;
}
