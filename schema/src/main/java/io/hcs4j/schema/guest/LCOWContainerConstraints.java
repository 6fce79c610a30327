package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** GCS bridge type {@code guestresource.LCOWContainerConstraints}. */
public class LCOWContainerConstraints {
    @JsonProperty("Windows")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public io.hcs4j.schema.oci.WindowsResources windows;

    @JsonProperty("Linux")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public io.hcs4j.schema.oci.LinuxResources linux;
}
