package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** HCS schema2 type {@code hcsschema.VirtualSmb}. */
public class VirtualSmb {
    @JsonProperty("Shares")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<VirtualSmbShare> shares;

    @JsonProperty("DirectFileMappingInMB")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public long directFileMappingInMb;
}
