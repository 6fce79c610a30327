package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hcs4j.schema.GoZero;

/** OCI runtime spec type {@code specs.Root}. */
public class Root extends OciObject {
    @JsonProperty("path")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonSerialize(nullsUsing = GoZero.EmptyString.class)
    public String path;

    @JsonProperty("readonly")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean readonly;
}
