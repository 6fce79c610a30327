package io.hcs4j.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.NullNode;
import io.hcs4j.schema.guest.ContainerGetProperties;
import io.hcs4j.schema.guest.ContainerNotification;
import io.hcs4j.schema.guest.ContainerPropertiesQuery;
import io.hcs4j.schema.guest.ContainerWaitForProcess;
import io.hcs4j.schema.oci.Spec;
import io.hcs4j.schema.v1.ProcessConfig;
import io.hcs4j.schema.v1.PropertyType;
import io.hcs4j.schema.v2.Attachment;
import io.hcs4j.schema.v2.ProcessParameters;
import io.hcs4j.schema.v2.Statistics;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How Go's encoding/json writes these documents, which the Java types must reproduce. */
class GoSemanticsTest {
    @Test
    void omitemptyDropsZeroValuesAndWritesSetOnes() {
        assertEquals("{}", Json.write(new Attachment()));
        Attachment a = new Attachment();
        a.path = "C:\\disk.vhdx";
        a.readOnly = true;
        assertEquals("{\"Path\":\"C:\\\\disk.vhdx\",\"ReadOnly\":true}", Json.write(a));
    }

    @Test
    void fieldsWithoutOmitemptyAreAlwaysWritten() {
        // RequestBase: ContainerId (string) and ActivityId (GUID value) have no omitempty.
        assertEquals("{\"ContainerId\":\"\",\"ActivityId\":\"00000000-0000-0000-0000-000000000000\","
                + "\"ProcessId\":0,\"TimeoutInMs\":0}", Json.write(new ContainerWaitForProcess()));
    }

    @Test
    void stringsAreEscapedLikeGo() {
        ProcessParameters p = new ProcessParameters();
        p.commandLine = "sh -c \"echo <a> & b\u2028\u0001\"\n";
        assertEquals("{\"CommandLine\":\"sh -c \\\"echo \\u003ca\\u003e \\u0026 b\\u2028\\u0001\\\"\\n\"}",
                Json.write(p));
    }

    @Test
    void mapKeysAreSorted() {
        ProcessParameters p = new ProcessParameters();
        p.environment = new java.util.LinkedHashMap<>(Map.of("Z", "1", "A", "2", "M", "3"));
        assertEquals("{\"Environment\":{\"A\":\"2\",\"M\":\"3\",\"Z\":\"1\"}}", Json.write(p));
    }

    @Test
    void timesAreRfc3339WithTrimmedNanos() {
        Statistics s = new Statistics();
        s.timestamp = OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 120_000_000, ZoneOffset.ofHours(2));
        assertEquals("{\"Timestamp\":\"2024-01-02T03:04:05.12+02:00\"}", Json.write(s));
        s.timestamp = GoTime.ZERO;
        assertEquals("{\"Timestamp\":\"0001-01-01T00:00:00Z\"}", Json.write(s));
    }

    @Test
    void floatsAreWrittenAsGoWritesThem() {
        // encoding/json: shortest round-trip digits; 'e' form below 1e-6 and from 1e21, exponent without padding
        // below zero and with at least two digits above.
        assertEquals("8.41e+21", GoFloat.format(8.41e21));
        assertEquals("1e+21", GoFloat.format(1e21));
        assertEquals("999999999999999900000", GoFloat.format(999999999999999.9e6));
        assertEquals("0.000001", GoFloat.format(1e-6));
        assertEquals("9.99e-7", GoFloat.format(9.99e-7));
        assertEquals("1e-7", GoFloat.format(1e-7));
        assertEquals("-1.2345e-10", GoFloat.format(-1.2345e-10));
        assertEquals("5e-324", GoFloat.format(Double.MIN_VALUE));
        assertEquals("1.7976931348623157e+308", GoFloat.format(Double.MAX_VALUE));
        assertEquals("2.2250738585072014e-308", GoFloat.format(Double.MIN_NORMAL));
        assertEquals("0.1", GoFloat.format(0.1));
        assertEquals("0.30000000000000004", GoFloat.format(0.1 + 0.2));
        assertEquals("100", GoFloat.format(100));
        assertEquals("-0", GoFloat.format(-0.0));
        assertEquals("0", GoFloat.format(0.0));
        // Every double goes through it, trees included.
        assertEquals("{\"x\":8.41e+21,\"y\":[1e-7]}", Json.write(Json.mapper().createObjectNode().put("x", 8.41e21)
                .set("y", Json.mapper().createArrayNode().add(1e-7))));
        assertThrows(IllegalArgumentException.class, () -> GoFloat.format(Double.NaN));
    }

    @Test
    void goArraysHaveTheirFixedLength() {
        // schema1.ProcessConfig.ConsoleSize is [2]uint: Go zero-fills a short array and drops extra elements.
        assertEquals("[7,0]", Json.tree(Json.write(Json.read("{\"ConsoleSize\":[7]}", ProcessConfig.class)))
                .get("ConsoleSize").toString());
        assertEquals("[1,18446744073709551615]", Json.tree(Json.write(Json.read(
                "{\"ConsoleSize\":[1,18446744073709551615,3]}", ProcessConfig.class))).get("ConsoleSize").toString());
        assertEquals("[0,0]", Json.tree(Json.write(Json.read("{\"ConsoleSize\":null}", ProcessConfig.class)))
                .get("ConsoleSize").toString());
    }

    @Test
    void nestedDocumentsAreTypedInJavaAndStringsOnTheWire() {
        ContainerGetProperties request = new ContainerGetProperties();
        request.containerId = "c1";
        request.query = new ContainerPropertiesQuery();
        request.query.propertyTypes = List.of(PropertyType.PROCESS_LIST);
        String wire = Json.write(request);
        assertEquals("{\"ContainerId\":\"c1\",\"ActivityId\":\"00000000-0000-0000-0000-000000000000\","
                + "\"Query\":\"{\\\"PropertyTypes\\\":[\\\"ProcessList\\\"]}\"}", wire);
        ContainerGetProperties back = Json.read(wire, ContainerGetProperties.class);
        assertEquals(List.of(PropertyType.PROCESS_LIST), back.query.propertyTypes);
    }

    @Test
    void notificationResultInfoKeepsWhatCame() {
        ContainerNotification absent = Json.read("{\"Type\":\"GracefulExit\"}", ContainerNotification.class);
        assertNull(absent.resultInfo);
        ContainerNotification nul = Json.read("{\"ResultInfo\":\"null\"}", ContainerNotification.class);
        assertEquals(NullNode.instance, nul.resultInfo);
        assertEquals("\"null\"", Json.tree(Json.write(nul)).get("ResultInfo").toString());
    }

    @Test
    void unknownFieldsAreToleratedInHcsDocuments() {
        Attachment a = Json.read("{\"Path\":\"p\",\"FieldFromWindows2030\":{\"x\":1}}", Attachment.class);
        assertEquals("p", a.path);
        assertEquals("{\"Path\":\"p\"}", Json.write(a));
    }

    @Test
    void unknownFieldsSurviveInTheOciSpec() {
        String spec = "{\"ociVersion\":\"1.2.0\",\"process\":{\"args\":[\"sh\"],\"cwd\":\"/\",\"newField\":[1,2]},"
                + "\"vendor.example\":{\"deep\":{\"a\":true}},\"linux\":{\"namespaces\":[{\"type\":\"pid\",\"x\":1}]}}";
        Spec s = Json.read(spec, Spec.class);
        assertEquals(List.of("sh"), s.process.args);
        assertEquals(Json.tree(spec), Json.tree(Json.write(s)));
    }

    @Test
    void openStringTypesKeepValuesTheyDoNotKnow() {
        PropertyType unknown = Json.read("\"FromTheFuture\"", PropertyType.class);
        assertEquals("FromTheFuture", unknown.value());
        assertEquals("\"FromTheFuture\"", Json.write(unknown));
        assertEquals(PropertyType.STATISTICS, Json.read("\"Statistics\"", PropertyType.class));
    }
}
