package io.hcs4j.hcs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * HCS's result document: {@code {"Error", "ErrorMessage", "ErrorEvents": [...]}}.
 *
 * @param error        the HRESULT HCS reports in the document
 * @param errorMessage its message
 * @param errorEvents  the events HCS attached (possibly empty, never null)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResultDocument(@JsonProperty("Error") int error,
                             @JsonProperty("ErrorMessage") String errorMessage,
                             @JsonProperty("ErrorEvents") List<ErrorEvent> errorEvents) {

    public ResultDocument {
        errorEvents = errorEvents == null ? List.of() : List.copyOf(errorEvents);
    }

    /** One entry of ErrorEvents. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ErrorEvent(@JsonProperty("Message") String message,
                             @JsonProperty("StackTrace") String stackTrace,
                             @JsonProperty("Provider") String provider,
                             @JsonProperty("EventId") int eventId,
                             @JsonProperty("Flags") int flags,
                             @JsonProperty("Source") String source) {
    }
}
