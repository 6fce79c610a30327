package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.hcs4j.schema.Unsigned;

/** One event of an {@link HcsResult}: where in HCS or the guest the failure was reported. */
public class ErrorEvent {
    @JsonProperty("Message")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String message;

    @JsonProperty("StackTrace")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String stackTrace;

    @JsonProperty("Provider")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String provider;

    @JsonProperty("EventId")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U16.class)
    public int eventId;

    @JsonProperty("Flags")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonDeserialize(using = Unsigned.U32.class)
    public long flags;

    @JsonProperty("Source")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String source;
}
