package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hcs4j.schema.GoZero;
import io.hcs4j.schema.Unsigned;

/** OCI runtime spec type {@code specs.LinuxDevice}. */
public class LinuxDevice extends OciObject {
    @JsonProperty("path")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonSerialize(nullsUsing = GoZero.EmptyString.class)
    public String path;

    @JsonProperty("type")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonSerialize(nullsUsing = GoZero.EmptyString.class)
    public String type;

    @JsonProperty("major")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public long major;

    @JsonProperty("minor")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public long minor;

    @JsonProperty("fileMode")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonDeserialize(using = Unsigned.U32.class)
    public Long fileMode;

    @JsonProperty("uid")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonDeserialize(using = Unsigned.U32.class)
    public Long uid;

    @JsonProperty("gid")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonDeserialize(using = Unsigned.U32.class)
    public Long gid;
}
