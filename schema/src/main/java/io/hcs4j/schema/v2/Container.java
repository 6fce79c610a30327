package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** HCS schema2 type {@code hcsschema.Container}. */
public class Container {
    @JsonProperty("GuestOs")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public GuestOs guestOs;

    @JsonProperty("Storage")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Storage storage;

    @JsonProperty("MappedDirectories")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<MappedDirectory> mappedDirectories;

    @JsonProperty("MappedPipes")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<MappedPipe> mappedPipes;

    @JsonProperty("Memory")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Memory memory;

    @JsonProperty("Processor")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Processor processor;

    @JsonProperty("Networking")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Networking networking;

    @JsonProperty("HvSocket")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public HvSocket hvSocket;

    @JsonProperty("ContainerCredentialGuard")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public ContainerCredentialGuardState containerCredentialGuard;

    @JsonProperty("RegistryChanges")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public RegistryChanges registryChanges;

    @JsonProperty("AssignedDevices")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<Device> assignedDevices;

    @JsonProperty("AdditionalDeviceNamespace")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public ContainerDefinitionDevice additionalDeviceNamespace;

    @JsonProperty("IsolationType")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public IsolationType isolationType;
}
