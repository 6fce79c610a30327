package io.hcs4j.schema.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hcs4j.schema.GoTime;
import io.hcs4j.schema.Unsigned;
import java.time.OffsetDateTime;

/** HCS schema1 type {@code schema1.ProcessListItem}. */
public class ProcessListItem {
    @JsonProperty("CreateTimestamp")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonSerialize(using = GoTime.Serializer.class)
    @JsonDeserialize(using = GoTime.Deserializer.class)
    public OffsetDateTime createTimestamp;

    @JsonProperty("ImageName")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String imageName;

    @JsonProperty("KernelTime100ns")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public long kernelTime100ns;

    @JsonProperty("MemoryCommitBytes")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public long memoryCommitBytes;

    @JsonProperty("MemoryWorkingSetPrivateBytes")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public long memoryWorkingSetPrivateBytes;

    @JsonProperty("MemoryWorkingSetSharedBytes")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public long memoryWorkingSetSharedBytes;

    @JsonProperty("ProcessId")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U32.class)
    public long processId;

    @JsonProperty("UserTime100ns")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public long userTime100ns;
}
