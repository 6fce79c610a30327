package io.hcs4j.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Access to the golden vectors in shared/vectors and the tree comparison their README asks for. */
final class Vectors {
    private Vectors() {
    }

    static Path dir(String sub) {
        String shared = System.getProperty("hcs4j.shared.dir", "../../shared");
        Path dir = Path.of(shared, "vectors", sub);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("golden vectors not found at " + dir.toAbsolutePath()
                    + " (set -Dhcs4j.shared.dir)");
        }
        return dir;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A tree in which every string holding a JSON object or array is replaced by its parsed tree. */
    static JsonNode normalize(JsonNode node) {
        if (node instanceof TextNode text) {
            String s = text.textValue().trim();
            if (s.startsWith("{") || s.startsWith("[")) {
                try {
                    return normalize(Json.tree(s));
                } catch (SchemaException notJson) {
                    return node;
                }
            }
            return node;
        }
        if (node instanceof ObjectNode object) {
            ObjectNode out = Json.mapper().createObjectNode();
            for (Map.Entry<String, JsonNode> e : object.properties()) {
                out.set(e.getKey(), normalize(e.getValue()));
            }
            return out;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode out = Json.mapper().createArrayNode();
            array.forEach(element -> out.add(normalize(element)));
            return out;
        }
        return node;
    }
}
