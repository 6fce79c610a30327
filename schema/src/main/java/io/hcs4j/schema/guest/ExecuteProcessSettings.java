package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hcs4j.schema.JsonInString;

/** GCS bridge type {@code prot.ExecuteProcessSettings}. */
public class ExecuteProcessSettings {
    @JsonProperty("ProcessParameters")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonInString
    public Object processParameters;

    @JsonProperty("StdioRelaySettings")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public ExecuteProcessStdioRelaySettings stdioRelaySettings;

    @JsonProperty("VsockStdioRelaySettings")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public ExecuteProcessVsockStdioRelaySettings vsockStdioRelaySettings;
}
