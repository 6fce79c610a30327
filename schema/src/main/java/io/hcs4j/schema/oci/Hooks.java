package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** OCI runtime spec type {@code specs.Hooks}. */
public class Hooks extends OciObject {
    @JsonProperty("prestart")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<Hook> prestart;

    @JsonProperty("createRuntime")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<Hook> createRuntime;

    @JsonProperty("createContainer")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<Hook> createContainer;

    @JsonProperty("startContainer")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<Hook> startContainer;

    @JsonProperty("poststart")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<Hook> poststart;

    @JsonProperty("poststop")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<Hook> poststop;
}
