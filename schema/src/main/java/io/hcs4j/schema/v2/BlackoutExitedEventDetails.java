package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hcs4j.schema.GoTime;
import io.hcs4j.schema.Unsigned;
import java.time.OffsetDateTime;

/** HCS schema2 type {@code hcsschema.BlackoutExitedEventDetails}. */
public class BlackoutExitedEventDetails {
    @JsonProperty("BlackoutDurationMilliseconds")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public long blackoutDurationMilliseconds;

    @JsonProperty("BlackoutStopTimestamp")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonSerialize(using = GoTime.Serializer.class)
    @JsonDeserialize(using = GoTime.Deserializer.class)
    public OffsetDateTime blackoutStopTimestamp;
}
