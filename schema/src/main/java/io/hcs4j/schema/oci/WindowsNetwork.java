package io.hcs4j.schema.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** OCI runtime spec type {@code specs.WindowsNetwork}. */
public class WindowsNetwork extends OciObject {
    @JsonProperty("endpointList")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<String> endpointList;

    @JsonProperty("allowUnqualifiedDNSQuery")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean allowUnqualifiedDnsQuery;

    @JsonProperty("DNSSearchList")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<String> dnsSearchList;

    @JsonProperty("networkSharedContainerName")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String networkSharedContainerName;

    @JsonProperty("networkNamespace")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String networkNamespace;
}
