package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** GCS bridge type {@code guestresource.WCOWCombinedLayers}. */
public class WCOWCombinedLayers {
    @JsonProperty("ContainerRootPath")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String containerRootPath;

    @JsonProperty("Layers")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<io.hcs4j.schema.v2.Layer> layers;

    @JsonProperty("ScratchPath")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String scratchPath;

    @JsonProperty("FilterType")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public io.hcs4j.schema.v2.FileSystemFilterType filterType;
}
