package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** OCI runtime spec type {@code specs.Solaris}. */
public class Solaris extends OciObject {
    @JsonProperty("milestone")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String milestone;

    @JsonProperty("limitpriv")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String limitPriv;

    @JsonProperty("maxShmMemory")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String maxShmMemory;

    @JsonProperty("anet")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<SolarisAnet> anet;

    @JsonProperty("cappedCPU")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public SolarisCappedCPU cappedCpu;

    @JsonProperty("cappedMemory")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public SolarisCappedMemory cappedMemory;
}
