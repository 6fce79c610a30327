package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hcs4j.schema.JsonInString;

/** GCS bridge type {@code prot.ContainerCreate}. */
public class ContainerCreate extends RequestBase {
    @JsonProperty("ContainerConfig")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonInString
    public Object containerConfig;
}
