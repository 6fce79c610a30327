package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.hcs4j.schema.Unsigned;

/** HCS schema2 type {@code hcsschema.NumaProcessors}. */
public class NumaProcessors {
    @JsonProperty("count_per_node")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Range countPerNode;

    @JsonProperty("node_per_socket")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U32.class)
    public long nodePerSocket;
}
