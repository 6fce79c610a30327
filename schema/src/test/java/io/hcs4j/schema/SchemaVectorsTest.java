package io.hcs4j.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every golden vector (JSON written by the reference Go types) decodes into the Java type of the same name
 * and re-encodes to an equal JSON tree.
 */
class SchemaVectorsTest {
    static final Map<String, String> JAVA_PACKAGE = Map.of(
            "schema2", "io.hcs4j.schema.v2", "schema1", "io.hcs4j.schema.v1",
            "guest", "io.hcs4j.schema.guest", "oci", "io.hcs4j.schema.oci");
    /** Swagger HTTP-client helpers, not HCS documents (see the vectors' README). */
    static final Set<String> NOT_DOCUMENTS = Set.of("Configuration", "BasicAuth", "APIKey");

    @TestFactory
    List<DynamicTest> everyVectorRoundTrips() {
        JsonNode manifest = Json.tree(Vectors.read(Vectors.dir("schema").resolve("MANIFEST.json")));
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, JsonNode> pkg : manifest.get("packages").properties()) {
            for (Map.Entry<String, JsonNode> type : pkg.getValue().get("types").properties()) {
                if (!type.getValue().has("files") || NOT_DOCUMENTS.contains(type.getKey())) {
                    continue;
                }
                boolean inString = type.getValue().path("marshalsAs").asText().startsWith("JSON string");
                for (JsonNode file : type.getValue().get("files")) {
                    Path vector = Vectors.dir("schema").resolve(pkg.getKey()).resolve(file.asText());
                    tests.add(DynamicTest.dynamicTest(pkg.getKey() + "/" + file.asText(),
                            () -> roundTrip(JAVA_PACKAGE.get(pkg.getKey()), type.getKey(), inString, vector)));
                }
            }
        }
        assertTrue(tests.size() > 500, "expected every vector, found " + tests.size());
        return tests;
    }

    private static void roundTrip(String javaPackage, String typeName, boolean inString, Path vector)
            throws Exception {
        String text = Vectors.read(vector);
        if (inString) {
            // Go writes these types as a JSON string holding the document (MarshalText); so does every
            // Java field that holds one (@JsonInString). The document inside is what round-trips.
            text = Json.tree(text).textValue();
        }
        Class<?> type = "AnyInString".equals(typeName) ? Object.class
                : Class.forName(javaPackage + "." + typeName);
        Object decoded = Json.read(text, type);
        String encoded = Json.write(decoded);
        assertEquals(Vectors.normalize(Json.tree(text)), Vectors.normalize(Json.tree(encoded)),
                () -> "re-encoded " + typeName + " differs from " + vector.getFileName());
    }
}
