package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.hcs4j.schema.Unsigned;

/** GCS bridge type {@code guestresource.LCOWIPConfig}. */
public class LCOWIPConfig {
    @JsonProperty("IPAddress")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String ipAddress;

    @JsonProperty("PrefixLength")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U8.class)
    public int prefixLength;
}
