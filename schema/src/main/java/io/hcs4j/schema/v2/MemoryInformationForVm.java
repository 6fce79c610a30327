package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.hcs4j.schema.Unsigned;
import java.util.List;

/** HCS schema2 type {@code hcsschema.MemoryInformationForVm}. */
public class MemoryInformationForVm {
    @JsonProperty("VirtualNodeCount")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U32.class)
    public long virtualNodeCount;

    @JsonProperty("VirtualMachineMemory")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public VmMemory virtualMachineMemory;

    @JsonProperty("VirtualNodes")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<VirtualNodeInfo> virtualNodes;
}
