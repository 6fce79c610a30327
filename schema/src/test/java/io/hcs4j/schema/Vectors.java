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

    /** One golden document: its file, the Java type it decodes into, and the JSON text of the document itself. */
    record Document(Path file, Class<?> type, String json) {
    }

    /**
     * Every golden document of the manifest, in manifest order. A type Go writes as a JSON string holding the
     * document (MarshalText) gives the document inside; {@code AnyInString} holds any value.
     */
    static java.util.List<Document> documents() {
        JsonNode manifest = Json.tree(read(dir("schema").resolve("MANIFEST.json")));
        java.util.List<Document> documents = new java.util.ArrayList<>();
        for (Map.Entry<String, JsonNode> pkg : manifest.get("packages").properties()) {
            for (Map.Entry<String, JsonNode> type : pkg.getValue().get("types").properties()) {
                if (!type.getValue().has("files") || SchemaVectorsTest.NOT_DOCUMENTS.contains(type.getKey())) {
                    continue;
                }
                boolean inString = type.getValue().path("marshalsAs").asText().startsWith("JSON string");
                Class<?> java = javaClass(pkg.getKey(), type.getKey());
                for (JsonNode file : type.getValue().get("files")) {
                    Path vector = dir("schema").resolve(pkg.getKey()).resolve(file.asText());
                    String text = read(vector);
                    documents.add(new Document(vector, java, inString ? Json.tree(text).textValue() : text));
                }
            }
        }
        return documents;
    }

    private static Class<?> javaClass(String vectorPackage, String typeName) {
        if ("AnyInString".equals(typeName)) {
            return Object.class;
        }
        try {
            return Class.forName(SchemaVectorsTest.JAVA_PACKAGE.get(vectorPackage) + "." + typeName);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("no Java type for " + vectorPackage + "/" + typeName, e);
        }
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
