package io.hcs4j.schema;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Fuzz target for {@link Json#read}: any bytes, read as any schema document type, either decode (and what
 * decoded writes and reads back) or fail with {@link SchemaException}; nothing else, no hang, no OOM.
 *
 * <p>An input is two bytes choosing the type, then the document. The corpus is seeded with every golden vector
 * of shared/vectors/schema under its own type. Without {@code JAZZER_FUZZ} the target runs over those seeds and
 * the saved inputs only (see the README).
 */
class JsonFuzzTest {
    /** Every type with a golden vector, plus the untyped trees; indexed by the input's first two bytes. */
    private static final List<Class<?>> TYPES = types();

    private static List<Class<?>> types() {
        Set<Class<?>> types = new LinkedHashSet<>(List.of(Object.class, JsonNode.class));
        Vectors.documents().forEach(d -> types.add(d.type()));
        return List.copyOf(types);
    }

    static List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        for (Vectors.Document d : Vectors.documents()) {
            int index = TYPES.indexOf(d.type());
            byte[] json = d.json().getBytes(StandardCharsets.UTF_8);
            byte[] seed = new byte[2 + json.length];
            seed[0] = (byte) (index >> 8);
            seed[1] = (byte) index;
            System.arraycopy(json, 0, seed, 2, json.length);
            seeds.add(seed);
        }
        return seeds;
    }

    @BeforeAll
    static void seedCorpus() throws IOException {
        FuzzCorpus.seed(JsonFuzzTest.class, "readAnyDocument", seeds());
    }

    @FuzzTest(maxDuration = "30s")
    void readAnyDocument(byte[] input) {
        if (input.length < 2) {
            return;
        }
        Class<?> type = TYPES.get((((input[0] & 0xFF) << 8) | (input[1] & 0xFF)) % TYPES.size());
        Object value;
        try {
            value = Json.read(Arrays.copyOfRange(input, 2, input.length), type);
        } catch (SchemaException expected) {
            return;
        }
        // What we accept we can write, and what we write we read back.
        Json.read(Json.write(value), type);
    }

    @TestFactory
    List<DynamicTest> everySeedDecodes() {
        List<DynamicTest> tests = new ArrayList<>();
        List<byte[]> seeds = seeds();
        for (int i = 0; i < seeds.size(); i++) {
            byte[] seed = seeds.get(i);
            tests.add(DynamicTest.dynamicTest("seed " + i, () -> readAnyDocument(seed)));
        }
        return tests;
    }
}
