package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** OCI runtime spec type {@code specs.LinuxCapabilities}. */
public class LinuxCapabilities extends OciObject {
    @JsonProperty("bounding")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<String> bounding;

    @JsonProperty("effective")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<String> effective;

    @JsonProperty("inheritable")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<String> inheritable;

    @JsonProperty("permitted")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<String> permitted;

    @JsonProperty("ambient")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<String> ambient;
}
