package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** GCS bridge type {@code guestresource.SignalProcessOptionsWCOW}. */
public class SignalProcessOptionsWCOW {
    @JsonProperty("Signal")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public SignalValueWCOW signal;
}
