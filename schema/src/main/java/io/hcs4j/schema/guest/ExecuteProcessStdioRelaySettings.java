package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.UUID;

/** GCS bridge type {@code prot.ExecuteProcessStdioRelaySettings}. */
public class ExecuteProcessStdioRelaySettings {
    @JsonProperty("StdIn")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public UUID stdIn;

    @JsonProperty("StdOut")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public UUID stdOut;

    @JsonProperty("StdErr")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public UUID stdErr;
}
