package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.hcs4j.schema.Unsigned;
import java.util.List;

/** OCI runtime spec type {@code specs.LinuxNetwork}. */
public class LinuxNetwork extends OciObject {
    @JsonProperty("classID")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonDeserialize(using = Unsigned.U32.class)
    public Long classId;

    @JsonProperty("priorities")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<LinuxInterfacePriority> priorities;
}
