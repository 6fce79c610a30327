package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.VirtualMachine}. */
public class VirtualMachine {
    @JsonProperty("Version")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Version version;

    @JsonProperty("StopOnReset")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean stopOnReset;

    @JsonProperty("Chipset")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Chipset chipset;

    @JsonProperty("ComputeTopology")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Topology computeTopology;

    @JsonProperty("Devices")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Devices devices;

    @JsonProperty("GuestState")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public GuestState guestState;

    @JsonProperty("RestoreState")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public RestoreState restoreState;

    @JsonProperty("RegistryChanges")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public RegistryChanges registryChanges;

    @JsonProperty("StorageQoS")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public StorageQoS storageQoS;

    @JsonProperty("DebugOptions")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public DebugOptions debugOptions;

    @JsonProperty("GuestConnection")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public GuestConnection guestConnection;

    @JsonProperty("SecuritySettings")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public SecuritySettings securitySettings;

    @JsonProperty("ResourcePartitionId")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String resourcePartitionId;

    @JsonProperty("MigrationOptions")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public MigrationInitializeOptions migrationOptions;
}
