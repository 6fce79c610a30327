package io.hcs4j.schema.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.hcs4j.schema.GoZero;
import java.util.List;
import java.util.UUID;

/**
 * GCS bridge type {@code prot.ResponseBase}. Only the guest writes responses, so the fields go in the order of
 * the GCS's own response type (ActivityId before ErrorMessage, as in the reference transcripts).
 */
@JsonPropertyOrder({"Result", "ActivityId", "ErrorMessage", "ErrorRecords"})
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
