package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hcs4j.schema.GoZero;

/** GCS bridge type {@code guestresource.BlockCIMDevice}. */
public class BlockCIMDevice {
    @JsonProperty("CimName")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonSerialize(nullsUsing = GoZero.EmptyString.class)
    public String cimName;

    @JsonProperty("Lun")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public int lun;
}
