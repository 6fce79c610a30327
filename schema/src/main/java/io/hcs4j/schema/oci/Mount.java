package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hcs4j.schema.GoZero;
import java.util.List;

/** OCI runtime spec type {@code specs.Mount}. */
public class Mount extends OciObject {
    @JsonProperty("destination")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonSerialize(nullsUsing = GoZero.EmptyString.class)
    public String destination;

    @JsonProperty("type")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String type;

    @JsonProperty("source")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String source;

    @JsonProperty("options")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<String> options;

    @JsonProperty("uidMappings")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<LinuxIDMapping> uidMappings;

    @JsonProperty("gidMappings")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<LinuxIDMapping> gidMappings;
}
