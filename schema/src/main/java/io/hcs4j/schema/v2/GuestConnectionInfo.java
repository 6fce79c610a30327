package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** HCS schema2 type {@code hcsschema.GuestConnectionInfo}. */
public class GuestConnectionInfo {
    @JsonProperty("SupportedSchemaVersions")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<Version> supportedSchemaVersions;

    @JsonProperty("ProtocolVersion")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int protocolVersion;

    @JsonProperty("GuestDefinedCapabilities")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Object guestDefinedCapabilities;
}
