package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** OCI runtime spec type {@code specs.FreeBSDJailAllow}. */
public class FreeBSDJailAllow extends OciObject {
    @JsonProperty("setHostname")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean setHostname;

    @JsonProperty("rawSockets")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean rawSockets;

    @JsonProperty("chflags")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean chflags;

    @JsonProperty("mount")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<String> mount;

    @JsonProperty("quotas")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean quotas;

    @JsonProperty("socketAf")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean socketAf;

    @JsonProperty("mlock")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean mlock;

    @JsonProperty("reservedPorts")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean reservedPorts;

    @JsonProperty("suser")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean suser;
}
