package io.hcs4j.uvm.bridge.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.schema.Json;
import io.hcs4j.schema.SchemaException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Bodies of bridge frames: {@code schema.guest} messages to and from UTF-8 JSON, written byte for byte the way
 * each side of the reference writes them (both are Go), with the one {@link Json} configuration. The host
 * (hcsshim) uses json.Encoder: HTML characters escaped, a newline at the end. The guest (GCS) escapes no HTML
 * characters and adds no newline. Knows nothing of frames or RPCs.
 */
public final class BodyCodec {
    /** Who writes a body: it decides the HTML escaping and the trailing newline. */
    public enum Writer { HOST, GUEST }

    /** Trees with plain number nodes (int, long, double), equal to what any ObjectMapper reads. */
    private static final ObjectReader TREES = Json.mapper().reader()
            .without(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS, DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private BodyCodec() {
    }

    /** A message (or a JSON tree) as the writer's side puts it on the wire. */
    public static byte[] encode(Object body, Writer writer) {
        try {
            return writer == Writer.HOST
                    ? (Json.writer(true).writeValueAsString(body) + "\n").getBytes(StandardCharsets.UTF_8)
                    : Json.writer(false).writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode a bridge body of " + body.getClass().getName(), e);
        }
    }

    /** The body as a JSON object; anything else (empty, not JSON, not an object) is a protocol error. */
    public static ObjectNode decode(byte[] body) throws BridgeProtocolException {
        JsonNode node;
        try {
            node = TREES.readTree(body);
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

    /** The body as a message of {@code type}; a JSON object whose fields do not fit is a protocol error. */
    public static <T> T decode(byte[] body, Class<T> type) throws BridgeProtocolException {
        return read(decode(body), type);
    }

    /** A decoded body as a message of {@code type}. */
    public static <T> T read(ObjectNode body, Class<T> type) throws BridgeProtocolException {
        try {
            return Json.convert(body, type);
        } catch (SchemaException e) {
            throw new BridgeProtocolException("bridge frame body is not a valid " + type.getSimpleName() + ": "
                    + e.getMessage(), e);
        }
    }
}
