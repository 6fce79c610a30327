package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.TimeZoneInformation}. */
public class TimeZoneInformation {
    @JsonProperty("Bias")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int bias;

    @JsonProperty("StandardName")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String standardName;

    @JsonProperty("StandardDate")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public SystemTime standardDate;

    @JsonProperty("StandardBias")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int standardBias;

    @JsonProperty("DaylightName")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String daylightName;

    @JsonProperty("DaylightDate")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public SystemTime daylightDate;

    @JsonProperty("DaylightBias")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int daylightBias;
}
