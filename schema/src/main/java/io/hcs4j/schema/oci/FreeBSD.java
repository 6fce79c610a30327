package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** OCI runtime spec type {@code specs.FreeBSD}. */
public class FreeBSD extends OciObject {
    @JsonProperty("devices")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<FreeBSDDevice> devices;

    @JsonProperty("jail")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public FreeBSDJail jail;
}
