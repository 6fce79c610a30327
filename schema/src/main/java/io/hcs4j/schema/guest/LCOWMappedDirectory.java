package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** GCS bridge type {@code guestresource.LCOWMappedDirectory}. */
public class LCOWMappedDirectory {
    @JsonProperty("MountPath")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String mountPath;

    @JsonProperty("Port")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int port;

    @JsonProperty("ShareName")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String shareName;

    @JsonProperty("ReadOnly")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean readOnly;
}
