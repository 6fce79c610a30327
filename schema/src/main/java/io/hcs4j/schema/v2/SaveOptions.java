package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.SaveOptions}. */
public class SaveOptions {
    @JsonProperty("SaveType")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String saveType;

    @JsonProperty("SaveStateFilePath")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String saveStateFilePath;
}
