package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.GuestOs}. */
public class GuestOs {
    @JsonProperty("HostName")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String hostName;
}
