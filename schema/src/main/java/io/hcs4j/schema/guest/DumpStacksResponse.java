package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** GCS bridge type {@code prot.DumpStacksResponse}. */
public class DumpStacksResponse extends ResponseBase {
    @JsonProperty("GuestStacks")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public String guestStacks;
}
