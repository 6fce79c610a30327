package io.hcs4j.uvm.bridge.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Bodies of bridge frames as JSON trees, written byte for byte the way each side of the reference writes them
 * (both are Go): the host (hcsshim) uses json.Encoder, which escapes {@code <}, {@code >}, {@code &}, U+2028
 * and U+2029 as lowercase {@code \}u sequences and ends the body with a newline; the guest (GCS) escapes no
 * HTML characters and adds no newline.
 */
public final class BridgeJson {
    /** Who writes a body: it decides the escaping and the trailing newline. */
    public enum Style { HOST, GUEST }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectMapper HOST_WRITER = new ObjectMapper();

    static {
        HOST_WRITER.getFactory().setCharacterEscapes(new GoHtmlEscapes());
    }

    private BridgeJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static byte[] encode(JsonNode body, Style style) {
        try {
            return style == Style.HOST
                    ? (HOST_WRITER.writeValueAsString(body) + "\n").getBytes(StandardCharsets.UTF_8)
                    : MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode a bridge body", e);
        }
    }

    /** The body as a JSON object; anything else (empty, not JSON, not an object) is a protocol error. */
    public static ObjectNode decode(byte[] body) throws BridgeProtocolException {
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BridgeProtocolException("bridge frame body is not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new BridgeProtocolException("bridge frame body is not JSON", e);
        }
        if (node == null || !node.isObject()) {
            throw new BridgeProtocolException("bridge frame body is not a JSON object");
        }
        return (ObjectNode) node;
    }

    /**
     * A JSON document nested as a string (container config, process parameters, property query/result),
     * written like Go's json.Marshal (HTML characters escaped).
     */
    public static String nested(JsonNode document) {
        try {
            return HOST_WRITER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode a nested document", e);
        }
    }

    /** Parses a nested JSON string; an absent or empty string is an empty object. */
    public static ObjectNode unnest(JsonNode stringNode) throws BridgeProtocolException {
        if (stringNode == null || stringNode.isNull() || stringNode.asText().isEmpty()) {
            return object();
        }
        if (stringNode.isObject()) {
            return (ObjectNode) stringNode;
        }
        return decode(stringNode.asText().getBytes(StandardCharsets.UTF_8));
    }

    private static final class GoHtmlEscapes extends CharacterEscapes {
        private final int[] ascii;

        GoHtmlEscapes() {
            ascii = Arrays.copyOf(standardAsciiEscapesForJSON(), 128);
            ascii['<'] = ESCAPE_CUSTOM;
            ascii['>'] = ESCAPE_CUSTOM;
            ascii['&'] = ESCAPE_CUSTOM;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch == '<' || ch == '>' || ch == '&' || ch == 0x2028 || ch == 0x2029) {
                return new SerializedString(String.format("\\u%04x", ch));
            }
            return null;
        }
    }
}
