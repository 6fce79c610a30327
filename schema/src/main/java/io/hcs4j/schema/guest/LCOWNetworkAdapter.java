package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.hcs4j.schema.Unsigned;
import java.util.List;

/** GCS bridge type {@code guestresource.LCOWNetworkAdapter}. */
public class LCOWNetworkAdapter {
    @JsonProperty("NamespaceID")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String namespaceId;

    @JsonProperty("ID")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String id;

    @JsonProperty("MacAddress")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String macAddress;

    @JsonProperty("DNSSuffix")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String dnsSuffix;

    @JsonProperty("DNSServerList")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String dnsServerList;

    @JsonProperty("EncapOverhead")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U16.class)
    public int encapOverhead;

    @JsonProperty("VPCIAssigned")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean vpciAssigned;

    @JsonProperty("IPConfigs")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<LCOWIPConfig> ipConfigs;

    @JsonProperty("Routes")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<LCOWRoute> routes;

    @JsonProperty("PolicyBasedRouting")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean policyBasedRouting;

    @JsonProperty("EnableLowMetric")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean enableLowMetric;
}
