package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** GCS bridge type {@code guestresource.WCOWMappedVirtualDisk}. */
public class WCOWMappedVirtualDisk {
    @JsonProperty("ContainerPath")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String containerPath;

    @JsonProperty("Lun")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int lun;
}
