package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hcs4j.schema.Unsigned;
import java.util.List;

/** GCS bridge type {@code stats.CPUUsage}. */
public class CPUUsage {
    @JsonProperty("total")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public long total;

    @JsonProperty("kernel")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public long kernel;

    @JsonProperty("user")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public long user;

    @JsonProperty("per_cpu")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonDeserialize(contentUsing = Unsigned.U64.class)
    @JsonSerialize(contentUsing = Unsigned.U64Serializer.class)
    public List<Long> perCpu;
}
