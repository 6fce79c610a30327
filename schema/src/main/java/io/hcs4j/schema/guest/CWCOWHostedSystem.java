package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** GCS bridge type {@code guestresource.CWCOWHostedSystem}. */
public class CWCOWHostedSystem {
    @JsonProperty("Spec")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public io.hcs4j.schema.oci.Spec spec;

    @JsonProperty("CWCOWHostedSystem")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public io.hcs4j.schema.v2.HostedSystem cwcowHostedSystem;
}
