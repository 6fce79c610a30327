package io.hcs4j.emulator.hcs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.hcs.raw.HResults;

/**
 * JSON helpers of the emulator: documents parsed as HCS would (invalid JSON is HCS_E_INVALID_JSON). Trees come from a
 * plain mapper (small ints stay ints); schema checks go through the schema module's shared one.
 */
final class JsonDocs {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonDocs() {
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

    /**
     * Parses a document that must be a JSON object and also checks it against its schema type (field types, enum
     * shapes) through the shared schema mapper, as HCS validates against its schema.
     */
    static ObjectNode typed(String json, Class<?> schemaType, String what) {
        ObjectNode tree = object(json, what);
        try {
            io.hcs4j.schema.Json.read(tree.toString(), schemaType);
        } catch (io.hcs4j.schema.SchemaException e) {
            throw new HcsFault(HResults.HCS_E_INVALID_JSON, what + " does not match " + schemaType.getSimpleName()
                    + ": " + e.getMessage());
        }
        return tree;
    }

    /**
     * Builds the schema mapper's deserializers for the documents a utility VM's creation checks ({@link #typed}), as
     * reading any document of a type builds them for its whole type graph: a few hundred ms of reflection in a fresh
     * process, otherwise spent inside the first Create.
     */
    static void warmUp() {
        for (Class<?> type : new Class<?>[] {io.hcs4j.schema.v2.ComputeSystem.class,
                io.hcs4j.schema.v2.ModifySettingRequest.class, io.hcs4j.schema.v2.PropertyQuery.class,
                io.hcs4j.schema.v2.ProcessParameters.class}) {
            io.hcs4j.schema.Json.read("{}", type);
        }
    }

    static ObjectNode newObject() {
        return MAPPER.createObjectNode();
    }

    static String quote(String s) {
        return MAPPER.getNodeFactory().textNode(s == null ? "" : s).toString();
    }
}
