package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hcs4j.schema.Unsigned;

/** GCS bridge type {@code guestresource.LCOWVPMemMappingInfo}. */
public class LCOWVPMemMappingInfo {
    @JsonProperty("DeviceOffsetInBytes")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public long deviceOffsetInBytes;

    @JsonProperty("DeviceSizeInBytes")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public long deviceSizeInBytes;
}
