package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** GCS bridge string type {@code guestrequest.ResourceType}: open like Go's named string, so values a newer host adds survive a round trip. */
public record ResourceType(@JsonValue String value) {
    public static final ResourceType MAPPED_DIRECTORY = new ResourceType("MappedDirectory");
    public static final ResourceType SCSI_DEVICE = new ResourceType("SCSIDevice");
    public static final ResourceType MAPPED_VIRTUAL_DISK = new ResourceType("MappedVirtualDisk");
    public static final ResourceType MAPPED_VIRTUAL_DISK_FOR_CONTAINER_SCRATCH = new ResourceType("MappedVirtualDiskForContainerScratch");
    public static final ResourceType WCOW_BLOCK_CIMS = new ResourceType("WCOWBlockCims");
    public static final ResourceType NETWORK = new ResourceType("Network");
    public static final ResourceType NETWORK_NAMESPACE = new ResourceType("NetworkNamespace");
    public static final ResourceType COMBINED_LAYERS = new ResourceType("CombinedLayers");
    public static final ResourceType CWCOW_COMBINED_LAYERS = new ResourceType("CWCOWCombinedLayers");
    public static final ResourceType VP_MEM_DEVICE = new ResourceType("VPMemDevice");
    public static final ResourceType VPCI_DEVICE = new ResourceType("VPCIDevice");
    public static final ResourceType CONTAINER_CONSTRAINTS = new ResourceType("ContainerConstraints");
    public static final ResourceType HV_SOCKET = new ResourceType("HvSocket");
    public static final ResourceType SECURITY_POLICY = new ResourceType("SecurityPolicy");
    public static final ResourceType SECURITY_POLICY_FRAGMENT = new ResourceType("SecurityPolicyFragment");
    public static final ResourceType POD_CGROUP_MEMORY_LIMIT = new ResourceType("PodCgroupMemoryLimit");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ResourceType of(String value) {
        return new ResourceType(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
