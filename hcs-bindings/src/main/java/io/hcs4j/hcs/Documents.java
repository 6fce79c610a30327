package io.hcs4j.hcs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON at the facade boundary: typed documents in, typed results out; a String passes through as raw JSON. */
final class Documents {
    // Until the schema module's shared mapper is available this module keeps its own, configured the same way
    // for reading (unknown fields ignored).
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Documents() {
    }

    static String write(Object document) {
        if (document == null || document instanceof String) {
            return (String) document;
        }
        try {
            return MAPPER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize " + document.getClass().getName(), e);
        }
    }

    static <T> T read(String json, Class<T> type, String what) throws HcsException {
        if (type == String.class) {
            return type.cast(json);
        }
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new HcsException(what, HcsErrorKind.INVALID_JSON, "unreadable " + type.getSimpleName() + ": "
                    + e.getOriginalMessage());
        }
    }

    /** The result document HCS attached to a failure, or null when absent or unreadable. */
    static ResultDocument result(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return MAPPER.readValue(json, ResultDocument.class);
        } catch (JsonProcessingException e) {
            return new ResultDocument(0, json, null);
        }
    }

    static com.fasterxml.jackson.databind.JsonNode tree(String json) {
        if (json == null || json.isBlank()) {
            return MAPPER.nullNode();
        }
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return MAPPER.nullNode();
        }
    }
}
