package io.hcs4j.schema.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** HCS schema1 type {@code schema1.MappedVirtualDiskController}. */
public class MappedVirtualDiskController {
    @JsonProperty("MappedVirtualDisks")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public Map<Long, MappedVirtualDisk> mappedVirtualDisks;
}
