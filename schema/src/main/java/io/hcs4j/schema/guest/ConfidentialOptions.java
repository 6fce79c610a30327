package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** GCS bridge type {@code guestresource.ConfidentialOptions}. */
public class ConfidentialOptions {
    @JsonProperty("EnforcerType")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String enforcerType;

    @JsonProperty("EncodedSecurityPolicy")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String encodedSecurityPolicy;

    @JsonProperty("EncodedUVMReference")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String encodedUvmReference;

    @JsonProperty("EncodedUVMHashEnvelopeReference")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String encodedUvmHashEnvelopeReference;
}
