package io.hcs4j.emulator.hcs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.hcs.raw.HResults;

/** JSON helpers of the emulator: parsing documents as HCS would (invalid JSON is HCS_E_INVALID_JSON). */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** Parses a document that must be a JSON object; null or empty is an empty object. */
    static ObjectNode object(String json, String what) {
        if (json == null || json.isBlank()) {
            return MAPPER.createObjectNode();
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new HcsFault(HResults.HCS_E_INVALID_JSON, what + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode o)) {
            throw new HcsFault(HResults.HCS_E_INVALID_JSON, what + " must be a JSON object");
        }
        return o;
    }

    static ObjectNode newObject() {
        return MAPPER.createObjectNode();
    }

    static String quote(String s) {
        return MAPPER.getNodeFactory().textNode(s == null ? "" : s).toString();
    }
}
