package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.ContainerMemoryInformation}. */
public class ContainerMemoryInformation {
    @JsonProperty("TotalPhysicalBytes")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int totalPhysicalBytes;

    @JsonProperty("TotalUsage")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int totalUsage;

    @JsonProperty("CommittedBytes")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int committedBytes;

    @JsonProperty("SharedCommittedBytes")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int sharedCommittedBytes;

    @JsonProperty("CommitLimitBytes")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int commitLimitBytes;

    @JsonProperty("PeakCommitmentBytes")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int peakCommitmentBytes;
}
