package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** HCS schema2 type {@code hcsschema.Storage}. */
public class Storage {
    @JsonProperty("Layers")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<Layer> layers;

    @JsonProperty("Path")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String path;

    @JsonProperty("QoS")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public StorageQoS qoS;

    @JsonProperty("PrivilegedContainerRootPath")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String privilegedContainerRootPath;
}
