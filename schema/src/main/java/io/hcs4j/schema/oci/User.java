package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.hcs4j.schema.Unsigned;
import java.util.List;

/** OCI runtime spec type {@code specs.User}. */
public class User extends OciObject {
    @JsonProperty("uid")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonDeserialize(using = Unsigned.U32.class)
    public long uid;

    @JsonProperty("gid")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonDeserialize(using = Unsigned.U32.class)
    public long gid;

    @JsonProperty("umask")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonDeserialize(using = Unsigned.U32.class)
    public Long umask;

    @JsonProperty("additionalGids")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonDeserialize(contentUsing = Unsigned.U32.class)
    public List<Long> additionalGids;

    @JsonProperty("username")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String username;
}
