package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** GCS bridge type {@code prot.ContainerExecuteProcess}. */
public class ContainerExecuteProcess extends RequestBase {
    @JsonProperty("Settings")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public ExecuteProcessSettings settings;
}
