package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** OCI runtime spec type {@code specs.WindowsResources}. */
public class WindowsResources extends OciObject {
    @JsonProperty("memory")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public WindowsMemoryResources memory;

    @JsonProperty("cpu")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public WindowsCPUResources cpu;

    @JsonProperty("storage")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public WindowsStorageResources storage;
}
