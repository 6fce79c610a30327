package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.RestoreState}. */
public class RestoreState {
    @JsonProperty("SaveStateFilePath")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String saveStateFilePath;

    @JsonProperty("TemplateSystemId")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String templateSystemId;
}
