package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** HCS schema2 type {@code hcsschema.RdpConnectionOptions}. */
public class RdpConnectionOptions {
    @JsonProperty("AccessSids")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<String> accessSids;

    @JsonProperty("NamedPipe")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String namedPipe;
}
