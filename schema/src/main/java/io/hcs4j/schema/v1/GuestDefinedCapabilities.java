package io.hcs4j.schema.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema1 type {@code schema1.GuestDefinedCapabilities}. */
public class GuestDefinedCapabilities {
    @JsonProperty("NamespaceAddRequestSupported")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean namespaceAddRequestSupported;

    @JsonProperty("SignalProcessSupported")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean signalProcessSupported;

    @JsonProperty("DumpStacksSupported")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean dumpStacksSupported;

    @JsonProperty("DeleteContainerStateSupported")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean deleteContainerStateSupported;

    @JsonProperty("UpdateContainerSupported")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean updateContainerSupported;

    @JsonProperty("LogForwardingSupported")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean logForwardingSupported;

    @JsonProperty("HostProcessContainerSupported")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean hostProcessContainerSupported;
}
