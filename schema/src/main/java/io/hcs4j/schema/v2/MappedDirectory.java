package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.MappedDirectory}. */
public class MappedDirectory {
    @JsonProperty("HostPath")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String hostPath;

    @JsonProperty("HostPathType")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String hostPathType;

    @JsonProperty("ContainerPath")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String containerPath;

    @JsonProperty("ReadOnly")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean readOnly;
}
