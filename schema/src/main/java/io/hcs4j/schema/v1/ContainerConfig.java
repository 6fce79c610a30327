package io.hcs4j.schema.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hcs4j.schema.GoZero;
import io.hcs4j.schema.Unsigned;
import java.util.List;

/** HCS schema1 type {@code schema1.ContainerConfig}. */
public class ContainerConfig {
    @JsonProperty("SystemType")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonSerialize(nullsUsing = GoZero.EmptyString.class)
    public String systemType;

    @JsonProperty("Name")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonSerialize(nullsUsing = GoZero.EmptyString.class)
    public String name;

    @JsonProperty("Owner")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String owner;

    @JsonProperty("VolumePath")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String volumePath;

    @JsonProperty("IgnoreFlushesDuringBoot")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean ignoreFlushesDuringBoot;

    @JsonProperty("LayerFolderPath")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String layerFolderPath;

    @JsonProperty("Layers")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public List<Layer> layers;

    @JsonProperty("Credentials")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String credentials;

    @JsonProperty("ProcessorCount")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U32.class)
    public long processorCount;

    @JsonProperty("ProcessorWeight")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public long processorWeight;

    @JsonProperty("ProcessorMaximum")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public long processorMaximum;

    @JsonProperty("StorageIOPSMaximum")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public long storageIopsMaximum;

    @JsonProperty("StorageBandwidthMaximum")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public long storageBandwidthMaximum;

    @JsonProperty("StorageSandboxSize")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public long storageSandboxSize;

    @JsonProperty("MemoryMaximumInMB")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public long memoryMaximumInMb;

    @JsonProperty("HostName")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String hostName;

    @JsonProperty("MappedDirectories")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<MappedDir> mappedDirectories;

    @JsonProperty("MappedPipes")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<MappedPipe> mappedPipes;

    @JsonProperty("HvPartition")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public boolean hvPartition;

    @JsonProperty("NetworkSharedContainerName")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String networkSharedContainerName;

    @JsonProperty("EndpointList")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<String> endpointList;

    @JsonProperty("HvRuntime")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public HvRuntime hvRuntime;

    @JsonProperty("Servicing")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean servicing;

    @JsonProperty("AllowUnqualifiedDNSQuery")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean allowUnqualifiedDnsQuery;

    @JsonProperty("DNSSearchList")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String dnsSearchList;

    @JsonProperty("ContainerType")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String containerType;

    @JsonProperty("TerminateOnLastHandleClosed")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean terminateOnLastHandleClosed;

    @JsonProperty("MappedVirtualDisks")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<MappedVirtualDisk> mappedVirtualDisks;

    @JsonProperty("AssignedDevices")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<AssignedDevice> assignedDevices;
}
