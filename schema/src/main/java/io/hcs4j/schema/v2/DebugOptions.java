package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.DebugOptions}. */
public class DebugOptions {
    @JsonProperty("BugcheckSavedStateFileName")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String bugcheckSavedStateFileName;

    @JsonProperty("BugcheckNoCrashdumpSavedStateFileName")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String bugcheckNoCrashdumpSavedStateFileName;

    @JsonProperty("TripleFaultSavedStateFileName")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String tripleFaultSavedStateFileName;

    @JsonProperty("FirmwareDumpFileName")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String firmwareDumpFileName;
}
