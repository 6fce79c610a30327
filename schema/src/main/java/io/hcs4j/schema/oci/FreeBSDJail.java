package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** OCI runtime spec type {@code specs.FreeBSDJail}. */
public class FreeBSDJail extends OciObject {
    @JsonProperty("parent")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String parent;

    @JsonProperty("host")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public FreeBSDSharing host;

    @JsonProperty("ip4")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public FreeBSDSharing ip4;

    @JsonProperty("ip4Addr")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<String> ip4Addr;

    @JsonProperty("ip6")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public FreeBSDSharing ip6;

    @JsonProperty("ip6Addr")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<String> ip6Addr;

    @JsonProperty("vnet")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public FreeBSDSharing vnet;

    @JsonProperty("interface")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String interface_;

    @JsonProperty("vnetInterfaces")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<String> vnetInterfaces;

    @JsonProperty("sysvmsg")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public FreeBSDSharing sysVMsg;

    @JsonProperty("sysvsem")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public FreeBSDSharing sysVSem;

    @JsonProperty("sysvshm")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public FreeBSDSharing sysVShm;

    @JsonProperty("enforceStatfs")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Long enforceStatfs;

    @JsonProperty("allow")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public FreeBSDJailAllow allow;
}
