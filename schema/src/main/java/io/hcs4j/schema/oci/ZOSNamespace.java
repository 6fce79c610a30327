package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hcs4j.schema.GoZero;

/** OCI runtime spec type {@code specs.ZOSNamespace}. */
public class ZOSNamespace extends OciObject {
    @JsonProperty("type")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonSerialize(nullsUsing = GoZero.EmptyString.class)
    public ZOSNamespaceType type;

    @JsonProperty("path")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String path;
}
