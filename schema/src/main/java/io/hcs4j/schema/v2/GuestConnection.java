package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.GuestConnection}. */
public class GuestConnection {
    @JsonProperty("UseVsock")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean useVsock;

    @JsonProperty("UseConnectedSuspend")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean useConnectedSuspend;
}
