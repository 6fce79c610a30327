package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.hcs4j.schema.Unsigned;

/** OCI runtime spec type {@code specs.LinuxTimeOffset}. */
public class LinuxTimeOffset extends OciObject {
    @JsonProperty("secs")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public long secs;

    @JsonProperty("nanosecs")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U32.class)
    public long nanosecs;
}
