package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.ComputeSystem}. */
public class ComputeSystem {
    @JsonProperty("Owner")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String owner;

    @JsonProperty("SchemaVersion")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Version schemaVersion;

    @JsonProperty("HostingSystemId")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String hostingSystemId;

    @JsonProperty("HostedSystem")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Object hostedSystem;

    @JsonProperty("Container")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Container container;

    @JsonProperty("VirtualMachine")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public VirtualMachine virtualMachine;

    @JsonProperty("ShouldTerminateOnLastHandleClosed")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean shouldTerminateOnLastHandleClosed;
}
