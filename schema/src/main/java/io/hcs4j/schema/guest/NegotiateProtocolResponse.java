package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.hcs4j.schema.Unsigned;

/** GCS bridge type {@code prot.NegotiateProtocolResponse}. */
public class NegotiateProtocolResponse extends ResponseBase {
    @JsonProperty("Version")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U32.class)
    public long version;

    @JsonProperty("Capabilities")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public GcsCapabilities capabilities;
}
