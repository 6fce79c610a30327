package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.hcs4j.schema.Unsigned;
import java.util.List;

/** HCS schema2 type {@code hcsschema.ProcessorTopology}. */
public class ProcessorTopology {
    @JsonProperty("LogicalProcessorCount")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U32.class)
    public long logicalProcessorCount;

    @JsonProperty("LogicalProcessors")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<LogicalProcessor> logicalProcessors;
}
