package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** HCS schema2 type {@code hcsschema.Networking}. */
public class Networking {
    @JsonProperty("AllowUnqualifiedDnsQuery")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean allowUnqualifiedDnsQuery;

    @JsonProperty("DnsSearchList")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String dnsSearchList;

    @JsonProperty("NetworkSharedContainerName")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String networkSharedContainerName;

    @JsonProperty("Namespace")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String namespace;

    @JsonProperty("NetworkAdapters")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<String> networkAdapters;
}
