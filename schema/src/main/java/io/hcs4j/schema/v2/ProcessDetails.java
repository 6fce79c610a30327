package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hcs4j.schema.GoTime;
import java.time.OffsetDateTime;

/** HCS schema2 type {@code hcsschema.ProcessDetails}. */
public class ProcessDetails {
    @JsonProperty("ProcessId")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int processId;

    @JsonProperty("ImageName")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String imageName;

    @JsonProperty("CreateTimestamp")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonSerialize(using = GoTime.Serializer.class)
    @JsonDeserialize(using = GoTime.Deserializer.class)
    public OffsetDateTime createTimestamp;

    @JsonProperty("UserTime100ns")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int userTime100ns;

    @JsonProperty("KernelTime100ns")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int kernelTime100ns;

    @JsonProperty("MemoryCommitBytes")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int memoryCommitBytes;

    @JsonProperty("MemoryWorkingSetPrivateBytes")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int memoryWorkingSetPrivateBytes;

    @JsonProperty("MemoryWorkingSetSharedBytes")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int memoryWorkingSetSharedBytes;
}
