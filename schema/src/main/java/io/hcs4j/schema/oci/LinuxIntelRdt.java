package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** OCI runtime spec type {@code specs.LinuxIntelRdt}. */
public class LinuxIntelRdt extends OciObject {
    @JsonProperty("closID")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String closId;

    @JsonProperty("schemata")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<String> schemata;

    @JsonProperty("l3CacheSchema")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String l3CacheSchema;

    @JsonProperty("memBwSchema")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String memBwSchema;

    @JsonProperty("enableMonitoring")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean enableMonitoring;
}
