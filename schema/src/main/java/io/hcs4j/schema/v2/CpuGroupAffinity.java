package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** HCS schema2 type {@code hcsschema.CpuGroupAffinity}. */
public class CpuGroupAffinity {
    @JsonProperty("LogicalProcessorCount")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int logicalProcessorCount;

    @JsonProperty("LogicalProcessors")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<Integer> logicalProcessors;
}
