package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hcs4j.schema.Unsigned;
import java.util.List;

/** HCS schema2 type {@code hcsschema.CpuGroupConfig}. */
public class CpuGroupConfig {
    @JsonProperty("GroupId")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String groupId;

    @JsonProperty("Affinity")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public CpuGroupAffinity affinity;

    @JsonProperty("GroupProperties")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<CpuGroupProperty> groupProperties;

    @JsonProperty("HypervisorGroupId")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public long hypervisorGroupId;
}
