package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** HCS schema2 type {@code hcsschema.Devices}. */
public class Devices {
    @JsonProperty("ComPorts")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public Map<String, ComPort> comPorts;

    @JsonProperty("Scsi")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public Map<String, Scsi> scsi;

    @JsonProperty("VirtualPMem")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public VirtualPMemController virtualPMem;

    @JsonProperty("NetworkAdapters")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public Map<String, NetworkAdapter> networkAdapters;

    @JsonProperty("VideoMonitor")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public VideoMonitor videoMonitor;

    @JsonProperty("Keyboard")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Keyboard keyboard;

    @JsonProperty("Mouse")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Mouse mouse;

    @JsonProperty("HvSocket")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public HvSocket2 hvSocket;

    @JsonProperty("EnhancedModeVideo")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public EnhancedModeVideo enhancedModeVideo;

    @JsonProperty("GuestCrashReporting")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public GuestCrashReporting guestCrashReporting;

    @JsonProperty("VirtualSmb")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public VirtualSmb virtualSmb;

    @JsonProperty("Plan9")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Plan9 plan9;

    @JsonProperty("Battery")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Battery battery;

    @JsonProperty("FlexibleIov")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public Map<String, FlexibleIoDevice> flexibleIov;

    @JsonProperty("SharedMemory")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public SharedMemoryConfiguration sharedMemory;

    @JsonProperty("VirtualPci")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public Map<String, VirtualPciDevice> virtualPci;
}
