package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.MigrationInitializeOptions}. */
public class MigrationInitializeOptions {
    @JsonProperty("Origin")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public MigrationOrigin origin;

    @JsonProperty("MemoryTransport")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public MigrationMemoryTransport memoryTransport;

    @JsonProperty("MemoryTransferThrottleParams")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public MemoryMigrationTransferThrottleParams memoryTransferThrottleParams;

    @JsonProperty("CompressionSettings")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public MigrationCompressionSettings compressionSettings;

    @JsonProperty("ChecksumVerification")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean checksumVerification;

    @JsonProperty("PerfTracingEnabled")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean perfTracingEnabled;

    @JsonProperty("CancelIfBlackoutThresholdExceeds")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean cancelIfBlackoutThresholdExceeds;

    @JsonProperty("PrepareMemoryTransferMode")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean prepareMemoryTransferMode;

    @JsonProperty("CompatibilityData")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public CompatibilityInfo compatibilityData;
}
