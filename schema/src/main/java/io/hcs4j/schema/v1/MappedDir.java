package io.hcs4j.schema.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hcs4j.schema.GoZero;
import io.hcs4j.schema.Unsigned;

/** HCS schema1 type {@code schema1.MappedDir}. */
public class MappedDir {
    @JsonProperty("HostPath")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonSerialize(nullsUsing = GoZero.EmptyString.class)
    public String hostPath;

    @JsonProperty("ContainerPath")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonSerialize(nullsUsing = GoZero.EmptyString.class)
    public String containerPath;

    @JsonProperty("ReadOnly")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public boolean readOnly;

    @JsonProperty("BandwidthMaximum")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public long bandwidthMaximum;

    @JsonProperty("IOPSMaximum")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public long iopsMaximum;

    @JsonProperty("CreateInUtilityVM")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public boolean createInUtilityVm;

    @JsonProperty("LinuxMetadata")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean linuxMetadata;
}
