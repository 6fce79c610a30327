package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.DeleteGroupOperation}. */
public class DeleteGroupOperation {
    @JsonProperty("GroupId")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String groupId;
}
