package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hcs4j.schema.Unsigned;

/** OCI runtime spec type {@code specs.LinuxMemory}. */
public class LinuxMemory extends OciObject {
    @JsonProperty("limit")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Long limit;

    @JsonProperty("reservation")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Long reservation;

    @JsonProperty("swap")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Long swap;

    @JsonProperty("kernel")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Long kernel;

    @JsonProperty("kernelTCP")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Long kernelTcp;

    @JsonProperty("swappiness")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public Long swappiness;

    @JsonProperty("disableOOMKiller")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Boolean disableOomKiller;

    @JsonProperty("useHierarchy")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Boolean useHierarchy;

    @JsonProperty("checkBeforeUpdate")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Boolean checkBeforeUpdate;
}
