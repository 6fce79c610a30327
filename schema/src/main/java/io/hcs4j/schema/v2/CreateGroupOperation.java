package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.hcs4j.schema.Unsigned;
import java.util.List;

/** HCS schema2 type {@code hcsschema.CreateGroupOperation}. */
public class CreateGroupOperation {
    @JsonProperty("GroupId")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String groupId;

    @JsonProperty("LogicalProcessorCount")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U32.class)
    public long logicalProcessorCount;

    @JsonProperty("LogicalProcessors")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonDeserialize(contentUsing = Unsigned.U32.class)
    public List<Long> logicalProcessors;
}
