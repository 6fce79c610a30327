package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hcs4j.schema.GoZero;
import java.util.List;

/** GCS bridge type {@code prot.GcsCapabilities}. */
public class GcsCapabilities {
    @JsonProperty("SendHostCreateMessage")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Boolean sendHostCreateMessage;

    @JsonProperty("SendHostStartMessage")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Boolean sendHostStartMessage;

    @JsonProperty("HvSocketConfigOnStartup")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Boolean hvSocketConfigOnStartup;

    @JsonProperty("SendLifecycleNotifications")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Boolean sendLifecycleNotifications;

    @JsonProperty("ModifyServiceSettingsSupported")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Boolean modifyServiceSettingsSupported;

    @JsonProperty("SupportedSchemaVersions")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public List<io.hcs4j.schema.v2.Version> supportedSchemaVersions;

    @JsonProperty("RuntimeOsType")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonSerialize(nullsUsing = GoZero.EmptyString.class)
    public String runtimeOsType;

    @JsonProperty("GuestDefinedCapabilities")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public JsonNode guestDefinedCapabilities;
}
