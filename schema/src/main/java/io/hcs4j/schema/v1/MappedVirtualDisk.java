package io.hcs4j.schema.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hcs4j.schema.GoZero;

/** HCS schema1 type {@code schema1.MappedVirtualDisk}. */
public class MappedVirtualDisk {
    @JsonProperty("HostPath")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String hostPath;

    @JsonProperty("ContainerPath")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonSerialize(nullsUsing = GoZero.EmptyString.class)
    public String containerPath;

    @JsonProperty("CreateInUtilityVM")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean createInUtilityVm;

    @JsonProperty("ReadOnly")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean readOnly;

    @JsonProperty("Cache")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String cache;

    @JsonProperty("AttachOnly")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean attachOnly;
}
