package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** OCI runtime spec type {@code specs.SolarisAnet}. */
public class SolarisAnet extends OciObject {
    @JsonProperty("linkname")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String linkname;

    @JsonProperty("lowerLink")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String lowerlink;

    @JsonProperty("allowedAddress")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String allowedaddr;

    @JsonProperty("configureAllowedAddress")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String configallowedaddr;

    @JsonProperty("defrouter")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String defrouter;

    @JsonProperty("linkProtection")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String linkprotection;

    @JsonProperty("macAddress")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String macaddress;
}
