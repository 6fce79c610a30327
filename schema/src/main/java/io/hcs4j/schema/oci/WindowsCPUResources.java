package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hcs4j.schema.Unsigned;
import java.util.List;

/** OCI runtime spec type {@code specs.WindowsCPUResources}. */
public class WindowsCPUResources extends OciObject {
    @JsonProperty("count")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public Long count;

    @JsonProperty("shares")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonDeserialize(using = Unsigned.U16.class)
    public Integer shares;

    @JsonProperty("maximum")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonDeserialize(using = Unsigned.U16.class)
    public Integer maximum;

    @JsonProperty("affinity")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<WindowsCPUGroupAffinity> affinity;
}
