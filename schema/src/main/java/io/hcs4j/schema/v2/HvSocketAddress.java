package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.HvSocketAddress}. */
public class HvSocketAddress {
    @JsonProperty("LocalAddress")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String localAddress;

    @JsonProperty("ParentAddress")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String parentAddress;
}
