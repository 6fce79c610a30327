package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hcs4j.schema.Unsigned;

/** HCS schema2 type {@code hcsschema.VmMemory}. */
public class VmMemory {
    @JsonProperty("AvailableMemory")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int availableMemory;

    @JsonProperty("AvailableMemoryBuffer")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int availableMemoryBuffer;

    @JsonProperty("ReservedMemory")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public long reservedMemory;

    @JsonProperty("AssignedMemory")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public long assignedMemory;

    @JsonProperty("SlpActive")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean slpActive;

    @JsonProperty("BalancingEnabled")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean balancingEnabled;

    @JsonProperty("DmOperationInProgress")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean dmOperationInProgress;
}
