package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** GCS bridge type {@code guestresource.CWCOWCombinedLayers}. */
public class CWCOWCombinedLayers {
    @JsonProperty("ContainerID")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String containerId;

    @JsonProperty("CombinedLayers")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public WCOWCombinedLayers combinedLayers;
}
