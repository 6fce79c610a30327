package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.hcs4j.schema.Unsigned;
import java.util.List;

/** OCI runtime spec type {@code specs.LinuxBlockIO}. */
public class LinuxBlockIO extends OciObject {
    @JsonProperty("weight")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonDeserialize(using = Unsigned.U16.class)
    public Integer weight;

    @JsonProperty("leafWeight")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonDeserialize(using = Unsigned.U16.class)
    public Integer leafWeight;

    @JsonProperty("weightDevice")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<LinuxWeightDevice> weightDevice;

    @JsonProperty("throttleReadBpsDevice")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<LinuxThrottleDevice> throttleReadBpsDevice;

    @JsonProperty("throttleWriteBpsDevice")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<LinuxThrottleDevice> throttleWriteBpsDevice;

    @JsonProperty("throttleReadIOPSDevice")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<LinuxThrottleDevice> throttleReadIopsDevice;

    @JsonProperty("throttleWriteIOPSDevice")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<LinuxThrottleDevice> throttleWriteIopsDevice;
}
