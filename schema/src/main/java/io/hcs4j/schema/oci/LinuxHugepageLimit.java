package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hcs4j.schema.GoZero;
import io.hcs4j.schema.Unsigned;

/** OCI runtime spec type {@code specs.LinuxHugepageLimit}. */
public class LinuxHugepageLimit extends OciObject {
    @JsonProperty("pageSize")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonSerialize(nullsUsing = GoZero.EmptyString.class)
    public String pagesize;

    @JsonProperty("limit")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public long limit;
}
