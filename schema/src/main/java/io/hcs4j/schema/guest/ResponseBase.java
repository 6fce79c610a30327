package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hcs4j.schema.GoZero;
import java.util.List;
import java.util.UUID;

/** GCS bridge type {@code prot.ResponseBase}. */
public class ResponseBase {
    @JsonProperty("Result")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public int result;

    @JsonProperty("ErrorMessage")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String errorMessage;

    @JsonProperty("ActivityId")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public UUID activityId = GoZero.GUID;

    @JsonProperty("ErrorRecords")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<ErrorRecord> errorRecords;
}
