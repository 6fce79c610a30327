package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.ModifySettingRequest}. */
public class ModifySettingRequest {
    @JsonProperty("ResourcePath")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String resourcePath;

    @JsonProperty("RequestType")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public io.hcs4j.schema.guest.RequestType requestType;

    @JsonProperty("Settings")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Object settings;

    @JsonProperty("GuestRequest")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Object guestRequest;
}
