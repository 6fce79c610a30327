package io.hcs4j.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        List<DynamicTest> tests = new ArrayList<>();
        for (Vectors.Document document : Vectors.documents()) {
            Path file = document.file();
            tests.add(DynamicTest.dynamicTest(file.getParent().getFileName() + "/" + file.getFileName(),
                    () -> roundTrip(document)));
        }
        assertTrue(tests.size() > 500, "expected every vector, found " + tests.size());
        return tests;
    }

    /**
     * Go writes some types as a JSON string holding the document (MarshalText); so does every Java field that
     * holds one (@JsonInString). The document inside is what round-trips.
     */
    private static void roundTrip(Vectors.Document document) {
        Object decoded = Json.read(document.json(), document.type());
        String encoded = Json.write(decoded);
        assertEquals(Vectors.normalize(Json.tree(document.json())), Vectors.normalize(Json.tree(encoded)),
                () -> "re-encoded " + document.type().getSimpleName() + " differs from " + document.file().getFileName());
    }
}
