package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** GCS bridge type {@code guestresource.SecurityPolicyFragment}. */
public class SecurityPolicyFragment {
    @JsonProperty("Fragment")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String fragment;

    @JsonProperty("MediaType")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String mediaType;
}
