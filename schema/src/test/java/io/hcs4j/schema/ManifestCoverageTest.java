package io.hcs4j.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every type, field and enum constant the manifest lists exists in Java under the same JSON name. */
class ManifestCoverageTest {
    static final Map<String, String> GO_PACKAGE = Map.of(
            "hcsschema", "io.hcs4j.schema.v2", "schema1", "io.hcs4j.schema.v1", "prot", "io.hcs4j.schema.guest",
            "guestrequest", "io.hcs4j.schema.guest", "guestresource", "io.hcs4j.schema.guest",
            "specs", "io.hcs4j.schema.oci", "stats", "io.hcs4j.schema.guest", "commonutils", "io.hcs4j.schema.guest");

    @TestFactory
    List<DynamicTest> everyTypeAndFieldExists() {
        JsonNode manifest = Json.tree(Vectors.read(Vectors.dir("schema").resolve("MANIFEST.json")));
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, JsonNode> pkg : manifest.get("packages").properties()) {
            JsonNode enums = Json.tree(Vectors.read(Vectors.dir("schema").resolve(pkg.getKey()).resolve("enums.json")));
            for (Map.Entry<String, JsonNode> type : pkg.getValue().get("types").properties()) {
                JsonNode t = type.getValue();
                String goType = t.get("goType").asText();
                if (SchemaVectorsTest.NOT_DOCUMENTS.contains(type.getKey()) || "AnyInString".equals(type.getKey())
                        || "map[string]string".equals(t.path("underlying").asText())
                        || (!"struct".equals(t.get("kind").asText()) && !"string".equals(t.get("underlying").asText())
                                && enums.path(type.getKey()).isEmpty())) {
                    continue; // AnyInString is @JsonInString; a named map is a Map field; a named number
                              // without constants is a plain number
                }
                tests.add(DynamicTest.dynamicTest(goType, () -> {
                    if ("struct".equals(t.get("kind").asText())) {
                        checkStruct(goType, t.get("fields"));
                    } else {
                        checkEnum(goType, t.get("underlying").asText(), enums.path(type.getKey()));
                    }
                }));
            }
        }
        for (Map.Entry<String, JsonNode> e : manifest.get("externalTypes").properties()) {
            if (e.getValue().has("fields")) {
                tests.add(DynamicTest.dynamicTest(e.getKey(), () -> checkStruct(e.getKey(), e.getValue().get("fields"))));
            }
        }
        return tests;
    }

    static Class<?> javaClass(String goType) throws ClassNotFoundException {
        String[] parts = goType.replace("*", "").split("\\.");
        return Class.forName(GO_PACKAGE.get(parts[0]) + "." + parts[1]);
    }

    private static void checkStruct(String goType, JsonNode fields) throws Exception {
        Class<?> java = javaClass(goType);
        Set<String> jsonNames = new HashSet<>();
        for (Class<?> c = java; c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                JsonProperty p = f.getAnnotation(JsonProperty.class);
                if (p != null) {
                    assertTrue(Modifier.isPublic(f.getModifiers()), f + " is not public");
                    jsonNames.add(p.value());
                }
            }
        }
        for (JsonNode field : fields) {
            if (field.get(1).isNull()) {
                Class<?> embedded = javaClass(field.get(2).asText());
                assertTrue(embedded.isAssignableFrom(java), java + " must extend embedded " + embedded);
            } else if (!jsonNames.contains(field.get(1).asText())) {
                fail(java.getName() + " has no field for JSON name " + field.get(1).asText());
            }
        }
    }

    private static void checkEnum(String goType, String underlying, JsonNode constants) throws Exception {
        Class<?> java = javaClass(goType);
        Set<Object> values = new HashSet<>();
        for (Field f : java.getFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                Object v = f.get(null);
                values.add(v instanceof Integer i ? (Object) Long.valueOf(Integer.toUnsignedLong(i))
                        : v.toString());
            }
        }
        if ("string".equals(underlying)) {
            assertTrue(java.isRecord(), java + " should be an open string type");
            assertEquals("\"v\"", Json.write(java.getMethod("of", String.class).invoke(null, "v")));
        }
        for (Iterator<JsonNode> it = constants.elements(); it.hasNext(); ) {
            JsonNode c = it.next();
            Object expected = c.isTextual() ? c.asText() : (Object) (underlying.startsWith("uint")
                    ? c.longValue() : Long.valueOf(c.intValue() & 0xFFFFFFFFL));
            if (!c.isTextual() && "int32".equals(underlying)) {
                expected = Long.valueOf(Integer.toUnsignedLong(c.intValue()));
            }
            assertTrue(values.contains(expected), java.getName() + " lacks constant " + c);
        }
    }
}
