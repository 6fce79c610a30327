package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.VirtualPMemMapping}. */
public class VirtualPMemMapping {
    @JsonProperty("HostPath")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String hostPath;

    @JsonProperty("ImageFormat")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String imageFormat;
}
