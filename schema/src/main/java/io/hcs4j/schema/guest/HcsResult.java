package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hcs4j.schema.GoZero;
import java.util.List;

/** The result document HCS returns with a failed call: the HRESULT, its message and the events behind it. */
public class HcsResult {
    @JsonProperty("Error")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public int error;

    @JsonProperty("ErrorMessage")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonSerialize(nullsUsing = GoZero.EmptyString.class)
    public String errorMessage;

    @JsonProperty("ErrorEvents")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<ErrorEvent> errorEvents;
}
