package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hcs4j.schema.Unsigned;
import java.util.Map;

/** HCS schema2 type {@code hcsschema.VirtualPMemController}. */
public class VirtualPMemController {
    @JsonProperty("Devices")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public Map<String, VirtualPMemDevice> devices;

    @JsonProperty("MaximumCount")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U32.class)
    public long maximumCount;

    @JsonProperty("MaximumSizeBytes")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public long maximumSizeBytes;

    @JsonProperty("Backing")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String backing;
}
