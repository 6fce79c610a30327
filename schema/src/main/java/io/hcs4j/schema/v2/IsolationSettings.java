package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.IsolationSettings}. */
public class IsolationSettings {
    @JsonProperty("IsolationType")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String isolationType;

    @JsonProperty("DebugHost")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String debugHost;

    @JsonProperty("DebugPort")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public long debugPort;

    @JsonProperty("LaunchData")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String launchData;

    @JsonProperty("HclEnabled")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Boolean hclEnabled;
}
