package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.MappedPipe}. */
public class MappedPipe {
    @JsonProperty("ContainerPipeName")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String containerPipeName;

    @JsonProperty("HostPath")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String hostPath;

    @JsonProperty("HostPathType")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String hostPathType;
}
