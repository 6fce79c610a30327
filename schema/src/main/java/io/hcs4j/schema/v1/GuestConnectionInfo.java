package io.hcs4j.schema.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.hcs4j.schema.Unsigned;
import java.util.List;

/** HCS schema1 type {@code schema1.GuestConnectionInfo}. */
public class GuestConnectionInfo {
    @JsonProperty("SupportedSchemaVersions")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<io.hcs4j.schema.v2.Version> supportedSchemaVersions;

    @JsonProperty("ProtocolVersion")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U32.class)
    public long protocolVersion;

    @JsonProperty("GuestDefinedCapabilities")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public GuestDefinedCapabilities guestDefinedCapabilities;
}
