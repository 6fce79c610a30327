package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hcs4j.schema.Unsigned;

/** HCS schema2 type {@code hcsschema.NumaSetting}. */
public class NumaSetting {
    @JsonProperty("VirtualNodeNumber")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U32.class)
    public long virtualNodeNumber;

    @JsonProperty("PhysicalNodeNumber")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U32.class)
    public long physicalNodeNumber;

    @JsonProperty("VirtualSocketNumber")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U32.class)
    public long virtualSocketNumber;

    @JsonProperty("CountOfProcessors")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U32.class)
    public long countOfProcessors;

    @JsonProperty("CountOfMemoryBlocks")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public long countOfMemoryBlocks;

    @JsonProperty("MemoryBackingType")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public MemoryBackingType memoryBackingType;
}
