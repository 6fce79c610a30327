package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** OCI runtime spec type {@code specs.LinuxBlockIODevice}. */
public class LinuxBlockIODevice extends OciObject {
    @JsonProperty("major")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public long major;

    @JsonProperty("minor")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public long minor;
}
