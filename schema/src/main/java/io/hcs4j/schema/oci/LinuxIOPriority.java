package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hcs4j.schema.GoZero;

/** OCI runtime spec type {@code specs.LinuxIOPriority}. */
public class LinuxIOPriority extends OciObject {
    @JsonProperty("class")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonSerialize(nullsUsing = GoZero.EmptyString.class)
    public IOPriorityClass class_;

    @JsonProperty("priority")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public long priority;
}
