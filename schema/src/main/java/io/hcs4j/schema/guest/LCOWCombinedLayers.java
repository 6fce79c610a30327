package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** GCS bridge type {@code guestresource.LCOWCombinedLayers}. */
public class LCOWCombinedLayers {
    @JsonProperty("ContainerID")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String containerId;

    @JsonProperty("ContainerRootPath")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String containerRootPath;

    @JsonProperty("Layers")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<io.hcs4j.schema.v2.Layer> layers;

    @JsonProperty("ScratchPath")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String scratchPath;
}
