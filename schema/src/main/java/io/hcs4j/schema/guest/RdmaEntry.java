package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.hcs4j.schema.Unsigned;

/** GCS bridge type {@code stats.RdmaEntry}. */
public class RdmaEntry {
    @JsonProperty("device")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String device;

    @JsonProperty("hca_handles")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U32.class)
    public long hcaHandles;

    @JsonProperty("hca_objects")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U32.class)
    public long hcaObjects;
}
