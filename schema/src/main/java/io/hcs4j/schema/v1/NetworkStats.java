package io.hcs4j.schema.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hcs4j.schema.Unsigned;

/** HCS schema1 type {@code schema1.NetworkStats}. */
public class NetworkStats {
    @JsonProperty("BytesReceived")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public long bytesReceived;

    @JsonProperty("BytesSent")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public long bytesSent;

    @JsonProperty("PacketsReceived")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public long packetsReceived;

    @JsonProperty("PacketsSent")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public long packetsSent;

    @JsonProperty("DroppedPacketsIncoming")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public long droppedPacketsIncoming;

    @JsonProperty("DroppedPacketsOutgoing")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public long droppedPacketsOutgoing;

    @JsonProperty("EndpointId")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String endpointId;

    @JsonProperty("InstanceId")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String instanceId;
}
