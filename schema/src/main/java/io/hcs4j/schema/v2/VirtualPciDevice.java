package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** HCS schema2 type {@code hcsschema.VirtualPciDevice}. */
public class VirtualPciDevice {
    @JsonProperty("Functions")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<VirtualPciFunction> functions;

    @JsonProperty("PropagateNumaAffinity")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Boolean propagateNumaAffinity;
}
