package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hcs4j.schema.Unsigned;

/** OCI runtime spec type {@code specs.LinuxCPU}. */
public class LinuxCPU extends OciObject {
    @JsonProperty("shares")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public Long shares;

    @JsonProperty("quota")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Long quota;

    @JsonProperty("burst")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public Long burst;

    @JsonProperty("period")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public Long period;

    @JsonProperty("realtimeRuntime")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Long realtimeRuntime;

    @JsonProperty("realtimePeriod")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public Long realtimePeriod;

    @JsonProperty("cpus")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String cpus;

    @JsonProperty("mems")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String mems;

    @JsonProperty("idle")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Long idle;
}
