package io.hcs4j.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hcs4j.schema.guest.BridgeMessages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every body recorded between a host and the reference GCS decodes into its message type and re-encodes to an
 * equal tree, nested JSON strings included; host request bodies re-encode to the same bytes.
 */
class BridgeTranscriptTest {
    @TestFactory
    List<DynamicTest> everyFrameBodyRoundTrips() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(Vectors.dir("gcs"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".bridge.jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    JsonNode frame = Json.tree(line);
                    if (!frame.has("body")) {
                        continue;
                    }
                    tests.add(DynamicTest.dynamicTest(file.getFileName() + "#" + frame.get("seq").asInt() + " "
                            + frame.get("name").asText(), () -> roundTrip(frame)));
                }
            }
        }
        assertTrue(tests.size() > 90, "expected every frame, found " + tests.size());
        return tests;
    }

    private static void roundTrip(JsonNode frame) {
        int type = Integer.parseUnsignedInt(frame.get("type").asText().substring(2), 16);
        Class<?> bodyType = BridgeMessages.bodyType(type);
        assertNotNull(bodyType, "no body type for " + frame.get("type"));
        String body = Json.write(frame.get("body"));
        Object decoded = Json.read(body, bodyType);
        String encoded = Json.write(decoded);
        assertEquals(Vectors.normalize(frame.get("body")), Vectors.normalize(Json.tree(encoded)));
        if ("host->guest".equals(frame.get("dir").asText()) && !body.contains("/layers/")) {
            // Go's encoder ends each host body with a newline; the rest must match byte for byte (except
            // where the recording rewrote paths, changing the length).
            assertEquals(frame.get("body_len").asInt() - 1, encoded.getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
                    "host body length differs: " + encoded);
        }
    }
}
