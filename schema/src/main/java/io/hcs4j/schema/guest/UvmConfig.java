package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hcs4j.schema.GoZero;

/** GCS bridge type {@code prot.UvmConfig}. */
public class UvmConfig {
    @JsonProperty("SystemType")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonSerialize(nullsUsing = GoZero.EmptyString.class)
    public String systemType;

    @JsonProperty("TimeZoneInformation")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public io.hcs4j.schema.v2.TimeZoneInformation timeZoneInformation;
}
