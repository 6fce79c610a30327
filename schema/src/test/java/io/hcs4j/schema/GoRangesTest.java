package io.hcs4j.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every numeric field of every type in the manifest takes exactly the range of its Go type (the manifest's goType
 * column), whatever Java type holds it: Go's {@code int} and {@code uint} are 64-bit on every hcsshim target;
 * a value in range decodes and is written back unchanged, one beyond is a {@link SchemaException} at the field.
 * Maps with integer keys keep keys beyond 32 bits; float64 fields are written as Go writes them.
 */
class GoRangesTest {
    private static final BigInteger TWO = BigInteger.TWO;
    private static final Pattern ARRAY = Pattern.compile("^\\[(\\d*)]\\*?(.*)$");
    /** Go's float64 text (encoding/json: shortest digits, 'e' form below 1e-6 and from 1e21) for values read so. */
    private static final List<String> GO_FLOATS = List.of("8.41e+21", "1e+21", "1.5e+300", "1.7976931348623157e+308",
            "5e-324", "1e-7", "-2.5e-9", "0.000001", "123456789", "0.1", "-3.25", "100000000000000000000", "0");

    private record Field(String type, String json, String goType, boolean omitempty) {
        @Override
        public String toString() {
            return type + "." + json + " " + goType;
        }
    }

    /** The range of a Go integer kind, or null when it is not one. */
    static BigInteger[] range(String kind) {
        return switch (kind) {
            case "int8" -> signed(8);
            case "int16" -> signed(16);
            case "int32" -> signed(32);
            case "int64", "int" -> signed(64);
            case "uint8" -> unsigned(8);
            case "uint16" -> unsigned(16);
            case "uint32" -> unsigned(32);
            case "uint64", "uint" -> unsigned(64);
            default -> null;
        };
    }

    private static BigInteger[] signed(int bits) {
        return new BigInteger[] {TWO.pow(bits - 1).negate(), TWO.pow(bits - 1).subtract(BigInteger.ONE)};
    }

    private static BigInteger[] unsigned(int bits) {
        return new BigInteger[] {BigInteger.ZERO, TWO.pow(bits).subtract(BigInteger.ONE)};
    }

    @TestFactory
    List<DynamicTest> everyNumericFieldTakesItsGoRange() {
        JsonNode manifest = Json.tree(Vectors.read(Vectors.dir("schema").resolve("MANIFEST.json")));
        Map<String, String> underlying = new HashMap<>(Map.of("fs.FileMode", "uint32"));
        List<Field> fields = new ArrayList<>();
        for (Map.Entry<String, JsonNode> pkg : manifest.get("packages").properties()) {
            for (Map.Entry<String, JsonNode> type : pkg.getValue().get("types").properties()) {
                JsonNode t = type.getValue();
                if (!"struct".equals(t.get("kind").asText())) {
                    underlying.put(t.get("goType").asText(), t.path("underlying").asText());
                } else if (!SchemaVectorsTest.NOT_DOCUMENTS.contains(type.getKey())) {
                    addFields(fields, t.get("goType").asText(), t.get("fields"));
                }
            }
        }
        for (Map.Entry<String, JsonNode> e : manifest.get("externalTypes").properties()) {
            if (e.getValue().has("fields")) {
                addFields(fields, e.getKey(), e.getValue().get("fields"));
            }
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Field field : fields) {
            String goType = field.goType().replaceFirst("^\\*", "");
            if (goType.startsWith("map[int]")) {
                tests.add(DynamicTest.dynamicTest(field.toString(), () -> checkIntegerKeys(field)));
                continue;
            }
            Matcher array = ARRAY.matcher(goType);
            String element = array.matches() ? array.group(2) : goType;
            int count = !array.matches() ? 0 : array.group(1).isEmpty() ? 1 : Integer.parseInt(array.group(1));
            String kind = underlying.getOrDefault(element, element);
            if ("uint8".equals(kind) && "".equals(array.matches() ? array.group(1) : null)) {
                continue; // []byte is base64 text
            }
            if ("float64".equals(kind) && count == 0) {
                tests.add(DynamicTest.dynamicTest(field.toString(), () -> checkFloat(field)));
            } else if (range(kind) != null) {
                tests.add(DynamicTest.dynamicTest(field.toString(), () -> checkRange(field, range(kind), count)));
            }
        }
        assertTrue(tests.size() > 300, "expected every numeric field, found " + tests.size());
        return tests;
    }

    private static void addFields(List<Field> out, String type, JsonNode fields) {
        for (JsonNode f : fields) {
            if (!f.get(1).isNull()) { // an embedded struct's fields are checked on its own type
                out.add(new Field(type, f.get(1).asText(), f.get(2).asText(), f.get(3).asBoolean()));
            }
        }
    }

    /** {"field": v}, or {"field": [v, ...]} with {@code count} copies for a slice or array. */
    private static String document(Field field, String value, int count) {
        String json = value;
        if (count > 0) {
            json = "[" + String.join(",", java.util.Collections.nCopies(count, value)) + "]";
        }
        return "{\"" + field.json() + "\":" + json + "}";
    }

    private static void checkRange(Field field, BigInteger[] range, int count) throws Exception {
        Class<?> type = ManifestCoverageTest.javaClass(field.type());
        for (BigInteger v : range) {
            Object decoded = Json.read(document(field, v.toString(), count), type);
            JsonNode written = Json.tree(Json.write(decoded)).get(field.json());
            if (written == null) {
                assertEquals(BigInteger.ZERO, v, field + ": " + v + " was not written back");
                continue;
            }
            List<JsonNode> values = new ArrayList<>();
            if (count > 0) {
                written.forEach(values::add);
                assertEquals(count, values.size(), field + ": " + written);
            } else {
                values.add(written);
            }
            for (JsonNode n : values) {
                assertTrue(n.isIntegralNumber(), field + ": wrote " + n);
                assertEquals(v, n.bigIntegerValue(), field + ": " + v + " came back as " + n);
            }
        }
        for (BigInteger beyond : List.of(range[0].subtract(BigInteger.ONE), range[1].add(BigInteger.ONE))) {
            SchemaException e = assertThrows(SchemaException.class,
                    () -> Json.read(document(field, beyond.toString(), count), type),
                    field + " accepted " + beyond);
            assertTrue(e.path().startsWith("$." + field.json()), field + ": " + e.getMessage());
        }
    }

    private static void checkIntegerKeys(Field field) throws Exception {
        Class<?> type = ManifestCoverageTest.javaClass(field.type());
        Set<String> keys = new TreeSet<>(List.of("-9223372036854775808", "-1", "0", "4294967296",
                "9223372036854775807"));
        StringBuilder map = new StringBuilder("{");
        keys.forEach(k -> map.append(map.length() > 1 ? "," : "").append('"').append(k).append("\":{}"));
        Object decoded = Json.read("{\"" + field.json() + "\":" + map + "}}", type);
        JsonNode written = Json.tree(Json.write(decoded)).get(field.json());
        assertNotNull(written, field + " was not written back");
        Set<String> back = new TreeSet<>();
        written.fieldNames().forEachRemaining(back::add);
        assertEquals(keys, back, field.toString());
        for (String beyond : List.of("9223372036854775808", "-9223372036854775809", "x")) {
            SchemaException e = assertThrows(SchemaException.class,
                    () -> Json.read("{\"" + field.json() + "\":{\"" + beyond + "\":{}}}", type),
                    field + " accepted key " + beyond);
            assertTrue(e.path().startsWith("$." + field.json()), field + ": " + e.getMessage());
        }
    }

    private static void checkFloat(Field field) throws Exception {
        Class<?> type = ManifestCoverageTest.javaClass(field.type());
        Pattern written = Pattern.compile("\"" + Pattern.quote(field.json()) + "\":([^,}\\]]+)");
        for (String text : GO_FLOATS) {
            String json = Json.write(Json.read(document(field, text, 0), type));
            Matcher m = written.matcher(json);
            assertTrue(m.find(), field + ": " + text + " was not written back: " + json);
            assertEquals(text, m.group(1), field.toString());
        }
        for (String beyond : List.of("1e309", "-1e309")) {
            SchemaException e = assertThrows(SchemaException.class, () -> Json.read(document(field, beyond, 0), type),
                    field + " accepted " + beyond);
            assertTrue(e.path().startsWith("$." + field.json()), field + ": " + e.getMessage());
        }
    }
}
