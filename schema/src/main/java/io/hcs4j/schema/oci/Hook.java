package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hcs4j.schema.GoZero;
import java.util.List;

/** OCI runtime spec type {@code specs.Hook}. */
public class Hook extends OciObject {
    @JsonProperty("path")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonSerialize(nullsUsing = GoZero.EmptyString.class)
    public String path;

    @JsonProperty("args")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<String> args;

    @JsonProperty("env")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<String> env;

    @JsonProperty("timeout")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Long timeout;
}
