package io.hcs4j.schema.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hcs4j.schema.GoZero;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** HCS schema1 type {@code schema1.ContainerProperties}. */
public class ContainerProperties {
    @JsonProperty("Id")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonSerialize(nullsUsing = GoZero.EmptyString.class)
    public String id;

    @JsonProperty("State")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonSerialize(nullsUsing = GoZero.EmptyString.class)
    public String state;

    @JsonProperty("Name")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonSerialize(nullsUsing = GoZero.EmptyString.class)
    public String name;

    @JsonProperty("SystemType")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonSerialize(nullsUsing = GoZero.EmptyString.class)
    public String systemType;

    @JsonProperty("RuntimeOsType")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String runtimeOsType;

    @JsonProperty("Owner")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonSerialize(nullsUsing = GoZero.EmptyString.class)
    public String owner;

    @JsonProperty("SiloGuid")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String siloGuid;

    @JsonProperty("RuntimeId")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public UUID runtimeId = GoZero.GUID;

    @JsonProperty("IsRuntimeTemplate")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean isRuntimeTemplate;

    @JsonProperty("RuntimeImagePath")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String runtimeImagePath;

    @JsonProperty("Stopped")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean stopped;

    @JsonProperty("ExitType")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String exitType;

    @JsonProperty("AreUpdatesPending")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean areUpdatesPending;

    @JsonProperty("ObRoot")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String obRoot;

    @JsonProperty("Statistics")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Statistics statistics;

    @JsonProperty("ProcessList")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<ProcessListItem> processList;

    @JsonProperty("MappedVirtualDiskControllers")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public Map<Long, MappedVirtualDiskController> mappedVirtualDiskControllers;

    @JsonProperty("GuestConnectionInfo")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public GuestConnectionInfo guestConnectionInfo;
}
