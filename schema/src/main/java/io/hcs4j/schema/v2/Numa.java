package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hcs4j.schema.Unsigned;
import java.util.List;

/** HCS schema2 type {@code hcsschema.Numa}. */
public class Numa {
    @JsonProperty("VirtualNodeCount")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U8.class)
    public int virtualNodeCount;

    @JsonProperty("PreferredPhysicalNodes")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<Long> preferredPhysicalNodes;

    @JsonProperty("Settings")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<NumaSetting> settings;

    @JsonProperty("MaxSizePerNode")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public long maxSizePerNode;
}
