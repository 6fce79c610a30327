package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hcs4j.schema.GoZero;
import io.hcs4j.schema.Unsigned;

/** OCI runtime spec type {@code specs.LinuxInterfacePriority}. */
public class LinuxInterfacePriority extends OciObject {
    @JsonProperty("name")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonSerialize(nullsUsing = GoZero.EmptyString.class)
    public String name;

    @JsonProperty("priority")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonDeserialize(using = Unsigned.U32.class)
    public long priority;
}
