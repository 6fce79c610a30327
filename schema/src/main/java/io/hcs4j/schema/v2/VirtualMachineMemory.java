package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hcs4j.schema.Unsigned;

/** HCS schema2 type {@code hcsschema.VirtualMachineMemory}. */
public class VirtualMachineMemory {
    @JsonProperty("SizeInMB")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public long sizeInMb;

    @JsonProperty("Backing")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public MemoryBackingType backing;

    @JsonProperty("AllowOvercommit")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean allowOvercommit;

    @JsonProperty("EnableHotHint")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean enableHotHint;

    @JsonProperty("EnableColdHint")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean enableColdHint;

    @JsonProperty("EnableColdDiscardHint")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean enableColdDiscardHint;

    @JsonProperty("EnableDeferredCommit")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean enableDeferredCommit;

    @JsonProperty("LowMmioGapInMB")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public long lowMmioGapInMb;

    @JsonProperty("HighMmioBaseInMB")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public long highMmioBaseInMb;

    @JsonProperty("HighMmioGapInMB")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public long highMmioGapInMb;

    @JsonProperty("SlitType")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public VirtualSlitType slitType;
}
