package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hcs4j.schema.Unsigned;

/** HCS schema2 type {@code hcsschema.ProcessorLimits}. */
public class ProcessorLimits {
    @JsonProperty("Limit")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public long limit;

    @JsonProperty("Weight")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public long weight;

    @JsonProperty("Reservation")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U64.class)
    @JsonSerialize(using = Unsigned.U64Serializer.class)
    public long reservation;

    @JsonProperty("MaximumFrequencyMHz")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U32.class)
    public long maximumFrequencyMHz;
}
