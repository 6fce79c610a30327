package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** GCS bridge type {@code prot.ContainerPropertiesV2}. */
public class ContainerPropertiesV2 {
    @JsonProperty("Id")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String id;

    @JsonProperty("SystemType")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String systemType;

    @JsonProperty("RuntimeOsType")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String runtimeOsType;

    @JsonProperty("Name")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String name;

    @JsonProperty("Owner")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String owner;

    @JsonProperty("RuntimeId")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String runtimeId;

    @JsonProperty("SystemGUID")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String systemGuid;

    @JsonProperty("RuntimeTemplateId")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String runtimeTemplateId;

    @JsonProperty("State")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String state;

    @JsonProperty("Stopped")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean stopped;

    @JsonProperty("ExitType")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String exitType;

    @JsonProperty("Memory")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public io.hcs4j.schema.v2.MemoryInformationForVm memory;

    @JsonProperty("Statistics")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public io.hcs4j.schema.v2.Statistics statistics;

    @JsonProperty("ProcessList")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<io.hcs4j.schema.v2.ProcessDetails> processList;

    @JsonProperty("TerminateOnLastHandleClosed")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean terminateOnLastHandleClosed;

    @JsonProperty("HostingSystemId")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String hostingSystemId;

    @JsonProperty("SharedMemoryRegionInfo")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<io.hcs4j.schema.v2.SharedMemoryRegionInfo> sharedMemoryRegionInfo;

    @JsonProperty("GuestConnectionInfo")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public io.hcs4j.schema.v2.GuestConnectionInfo guestConnectionInfo;

    @JsonProperty("PropertyResponses")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public Map<String, io.hcs4j.schema.v2.PropertyResponse> propertyResponses;

    @JsonProperty("LCOWMetrics")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Metrics metrics;
}
