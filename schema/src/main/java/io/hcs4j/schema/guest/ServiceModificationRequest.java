package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hcs4j.schema.GoZero;

/** GCS bridge type {@code prot.ServiceModificationRequest}. */
public class ServiceModificationRequest extends RequestBase {
    @JsonProperty("PropertyType")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonSerialize(nullsUsing = GoZero.EmptyString.class)
    public String propertyType;

    @JsonProperty("Settings")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Object settings;
}
