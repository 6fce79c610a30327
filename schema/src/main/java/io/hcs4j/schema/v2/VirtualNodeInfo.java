package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.VirtualNodeInfo}. */
public class VirtualNodeInfo {
    @JsonProperty("VirtualNodeIndex")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int virtualNodeIndex;

    @JsonProperty("PhysicalNodeNumber")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int physicalNodeNumber;

    @JsonProperty("VirtualProcessorCount")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int virtualProcessorCount;

    @JsonProperty("MemoryUsageInPages")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int memoryUsageInPages;
}
