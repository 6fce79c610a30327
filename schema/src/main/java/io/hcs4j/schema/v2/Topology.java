package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.Topology}. */
public class Topology {
    @JsonProperty("Memory")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public VirtualMachineMemory memory;

    @JsonProperty("Processor")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public VirtualMachineProcessor processor;

    @JsonProperty("Numa")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Numa numa;
}
