package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hcs4j.schema.GoZero;
import java.util.List;

/** OCI runtime spec type {@code specs.LinuxPersonality}. */
public class LinuxPersonality extends OciObject {
    @JsonProperty("domain")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonSerialize(nullsUsing = GoZero.EmptyString.class)
    public LinuxPersonalityDomain domain;

    @JsonProperty("flags")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<LinuxPersonalityFlag> flags;
}
