package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hcs4j.schema.Unsigned;
import java.util.List;

/** OCI runtime spec type {@code specs.HWConfig}. */
public class HWConfig extends OciObject {
    @JsonProperty("deviceTree")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String deviceTree;

    @JsonProperty("vcpus")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonDeserialize(using = Unsigned.U32.class)
    public Long vcpUs;

    @JsonProperty("memory")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public Long memory;

    @JsonProperty("dtdevs")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<String> dtDevs;

    @JsonProperty("iomems")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<IOMems> ioMems;

    @JsonProperty("irqs")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonDeserialize(contentUsing = Unsigned.U32.class)
    public List<Long> irqs;
}
