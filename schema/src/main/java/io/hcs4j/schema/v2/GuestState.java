package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.GuestState}. */
public class GuestState {
    @JsonProperty("GuestStateFilePath")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String guestStateFilePath;

    @JsonProperty("GuestStateFileType")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String guestStateFileType;

    @JsonProperty("RuntimeStateFilePath")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String runtimeStateFilePath;

    @JsonProperty("ForceTransientState")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean forceTransientState;
}
