package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.hcs4j.schema.Unsigned;

/** OCI runtime spec type {@code specs.LinuxIDMapping}. */
public class LinuxIDMapping extends OciObject {
    @JsonProperty("containerID")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonDeserialize(using = Unsigned.U32.class)
    public long containerId;

    @JsonProperty("hostID")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonDeserialize(using = Unsigned.U32.class)
    public long hostId;

    @JsonProperty("size")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonDeserialize(using = Unsigned.U32.class)
    public long size;
}
