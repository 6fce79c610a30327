package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** GCS bridge type {@code guestresource.SignalProcessOptionsLCOW}. */
public class SignalProcessOptionsLCOW {
    @JsonProperty("Signal")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public long signal;
}
