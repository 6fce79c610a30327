package io.hcs4j.hcs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.hcs4j.schema.Json;
import io.hcs4j.schema.SchemaException;

/**
 * JSON at the facade boundary, through the schema module's shared mapper: typed documents in, typed results out;
 * a String passes through as raw JSON.
 */
final class Documents {
    private Documents() {
    }

    static String write(Object document) {
        if (document == null || document instanceof String) {
            return (String) document;
        }
        return Json.write(document);
    }

    static <T> T read(String json, Class<T> type, String what) throws HcsException {
        if (type == String.class) {
            return type.cast(json);
        }
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return Json.read(json, type);
        } catch (SchemaException e) {
            throw new HcsException(what, HcsErrorKind.INVALID_JSON, "unreadable " + type.getSimpleName() + ": "
                    + e.getMessage());
        }
    }

    /** The result document HCS attached to a failure, or null when absent; unreadable text becomes the message. */
    static ResultDocument result(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return Json.read(json, ResultDocument.class);
        } catch (SchemaException e) {
            return new ResultDocument(0, json, null);
        }
    }

    /** A tree for picking single fields out of notification data; missing or unreadable data is a missing node. */
    static JsonNode tree(String json) {
        if (json == null || json.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return Json.tree(json);
        } catch (SchemaException e) {
            return MissingNode.getInstance();
        }
    }
}
