package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hcs4j.schema.GoZero;
import java.util.List;

/** OCI runtime spec type {@code specs.VMKernel}. */
public class VMKernel extends OciObject {
    @JsonProperty("path")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonSerialize(nullsUsing = GoZero.EmptyString.class)
    public String path;

    @JsonProperty("parameters")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<String> parameters;

    @JsonProperty("initrd")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String initRd;
}
