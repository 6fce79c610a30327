package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** OCI runtime spec type {@code specs.LinuxDeviceCgroup}. */
public class LinuxDeviceCgroup extends OciObject {
    @JsonProperty("allow")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public boolean allow;

    @JsonProperty("type")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String type;

    @JsonProperty("major")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Long major;

    @JsonProperty("minor")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Long minor;

    @JsonProperty("access")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String access;
}
