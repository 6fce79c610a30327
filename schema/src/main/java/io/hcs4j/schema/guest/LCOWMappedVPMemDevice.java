package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.hcs4j.schema.Unsigned;

/** GCS bridge type {@code guestresource.LCOWMappedVPMemDevice}. */
public class LCOWMappedVPMemDevice {
    @JsonProperty("DeviceNumber")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U32.class)
    public long deviceNumber;

    @JsonProperty("MountPath")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String mountPath;

    @JsonProperty("MappingInfo")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public LCOWVPMemMappingInfo mappingInfo;

    @JsonProperty("VerityInfo")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public DeviceVerityInfo verityInfo;
}
