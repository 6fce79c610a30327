package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** GCS bridge type {@code prot.ContainerModifySettings}. */
public class ContainerModifySettings extends RequestBase {
    @JsonProperty("Request")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public ModificationRequest request;
}
