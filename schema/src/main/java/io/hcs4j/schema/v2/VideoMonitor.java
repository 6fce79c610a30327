package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.VideoMonitor}. */
public class VideoMonitor {
    @JsonProperty("HorizontalResolution")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int horizontalResolution;

    @JsonProperty("VerticalResolution")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int verticalResolution;

    @JsonProperty("ConnectionOptions")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public RdpConnectionOptions connectionOptions;
}
