package io.hcs4j.schema.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** HCS schema2 type {@code hcsschema.SystemTime}. */
public class SystemTime {
    @JsonProperty("Year")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int year;

    @JsonProperty("Month")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int month;

    @JsonProperty("DayOfWeek")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int dayOfWeek;

    @JsonProperty("Day")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int day;

    @JsonProperty("Hour")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int hour;

    @JsonProperty("Minute")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int minute;

    @JsonProperty("Second")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int second;

    @JsonProperty("Milliseconds")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int milliseconds;
}
