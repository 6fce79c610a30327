package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hcs4j.schema.GoZero;
import io.hcs4j.schema.Unsigned;
import java.util.List;

/** OCI runtime spec type {@code specs.Scheduler}. */
public class Scheduler extends OciObject {
    @JsonProperty("policy")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonSerialize(nullsUsing = GoZero.EmptyString.class)
    public LinuxSchedulerPolicy policy;

    @JsonProperty("nice")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int nice;

    @JsonProperty("priority")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int priority;

    @JsonProperty("flags")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<LinuxSchedulerFlag> flags;

    @JsonProperty("runtime")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public long runtime;

    @JsonProperty("deadline")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public long deadline;

    @JsonProperty("period")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public long period;
}
