package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** GCS bridge UpdateContainer request: new resource limits for a running container. */
public class ContainerUpdate extends RequestBase {
    /** For Linux guests an OCI {@code LinuxResources}, for Windows guests a {@code WindowsResources}. */
    @JsonProperty("Resources")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Object resources;
}
