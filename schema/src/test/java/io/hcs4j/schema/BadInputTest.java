package io.hcs4j.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.NullNode;
import io.hcs4j.schema.guest.ContainerGetProperties;
import io.hcs4j.schema.guest.ContainerWaitForProcess;
import io.hcs4j.schema.oci.Spec;
import io.hcs4j.schema.v2.ComputeSystem;
import io.hcs4j.schema.v2.ProcessParameters;
import io.hcs4j.schema.v2.Statistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Malformed documents raise one clear {@link SchemaException} naming where; never a half-built object. */
@Timeout(30)
class BadInputTest {
    private static SchemaException bad(String json, Class<?> type) {
        return assertThrows(SchemaException.class, () -> Json.read(json, type));
    }

    @Test
    void truncatedJson() {
        SchemaException e = bad("{\"Owner\":\"x\",\"VirtualMachine\":{\"Chipset\":", ComputeSystem.class);
        assertTrue(e.getMessage().startsWith("invalid JSON at $"), e.getMessage());
    }

    @Test
    void emptyAndNullDocuments() {
        bad("", ComputeSystem.class);
        bad(null, ComputeSystem.class);
    }

    @Test
    void theNullDocumentIsNotAValue() {
        for (String json : new String[] {"null", " null\n"}) {
            assertEquals("$", bad(json, ComputeSystem.class).path());
            assertEquals("$", bad(json, Object.class).path());
            assertEquals("$", bad(json, String.class).path());
        }
        assertEquals("$", assertThrows(SchemaException.class,
                () -> Json.convert(NullNode.instance, ProcessParameters.class)).path());
        assertEquals("$", assertThrows(SchemaException.class, () -> Json.convert(null, ProcessParameters.class)).path());
        // A null field inside a document is Go's "leave it zero", not an error; a tree of null is a null node.
        assertNull(Json.read("{\"Owner\":null}", ComputeSystem.class).owner);
        assertEquals(NullNode.instance, Json.tree("null"));
    }

    @Test
    void trailingGarbage() {
        bad("{\"Owner\":\"x\"} {}", ComputeSystem.class);
    }

    @Test
    void wrongTypesNameTheirPath() {
        assertEquals("$.CommandArgs[1]", bad("{\"CommandArgs\":[\"a\",{}]}", ProcessParameters.class).path());
        assertEquals("$.CreateStdInPipe", bad("{\"CreateStdInPipe\":\"yes\"}", ProcessParameters.class).path());
        assertEquals("$.Owner", bad("{\"Owner\":5}", ComputeSystem.class).path());
        assertEquals("$.ProcessId", bad("{\"ProcessId\":\"12\"}", ContainerWaitForProcess.class).path());
        assertEquals("$.ProcessId", bad("{\"ProcessId\":1.5}", ContainerWaitForProcess.class).path());
        assertEquals("$.process.args", bad("{\"process\":{\"args\":\"sh\"}}", Spec.class).path());
    }

    @Test
    void numbersOutOfRangeForTheirGoType() {
        assertEquals("$.ProcessId", bad("{\"ProcessId\":4294967296}", ContainerWaitForProcess.class).path());
        assertEquals("$.ProcessId", bad("{\"ProcessId\":-1}", ContainerWaitForProcess.class).path());
        assertEquals("$.TimeoutInMs", bad("{\"TimeoutInMs\":99999999999999999999999999}", ContainerWaitForProcess.class).path());
        bad("{\"ProcessId\":" + "9".repeat(5000) + "}", ContainerWaitForProcess.class);
        bad("{\"Memory\":{\"MemoryUsageCommitBytes\":18446744073709551616}}", Statistics.class);
    }

    @Test
    void numbersNoTypeCanHoldAreSchemaErrors() {
        String huge = "5e" + "9".repeat(90);
        bad(huge, Object.class);
        bad("{\"a\":[" + huge + "]}", Object.class);
        bad("{\"ThrottlingScale\":" + huge + "}", io.hcs4j.schema.v2.MemoryMigrationTransferThrottleParams.class);
    }

    @Test
    void uint64KeepsItsFullRange() {
        Statistics s = Json.read("{\"Memory\":{\"MemoryUsageCommitBytes\":18446744073709551615}}", Statistics.class);
        assertEquals(-1L, s.memory.memoryUsageCommitBytes);
        assertEquals("{\"Memory\":{\"MemoryUsageCommitBytes\":18446744073709551615}}", Json.write(s));
    }

    @Test
    void deepNestingIsRefusedWithoutStackOverflow() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        SchemaException e = bad("{\"Queries\":{\"x\":" + deep + "}}", io.hcs4j.schema.v2.PropertyQuery.class);
        assertTrue(e.getMessage().contains("nesting"), e.getMessage());
        bad(deep, Object.class);
    }

    @Test
    void oversizedDocumentsAreRefused() {
        String huge = "{\"Owner\":\"" + "x".repeat((int) Json.MAX_DOCUMENT_LENGTH) + "\"}";
        SchemaException e = bad(huge, ComputeSystem.class);
        assertTrue(e.getMessage().toLowerCase().contains("length"), e.getMessage());
    }

    @Test
    void badJsonInsideAStringNamesBothPaths() {
        SchemaException e = bad("{\"Query\":\"{\\\"PropertyTypes\\\":[5]}\"}", ContainerGetProperties.class);
        assertEquals("$.Query", e.path());
        assertTrue(e.getMessage().contains("$.PropertyTypes[0]"), e.getMessage());
        assertEquals("$.Query", bad("{\"Query\":\"{not json\"}", ContainerGetProperties.class).path());
        assertEquals("$.Query", bad("{\"Query\":{\"PropertyTypes\":[]}}", ContainerGetProperties.class).path());
    }

    @Test
    void badTimesAndGuids() {
        assertEquals("$.Timestamp", bad("{\"Timestamp\":\"yesterday\"}", Statistics.class).path());
        assertEquals("$.ActivityId", bad("{\"ActivityId\":\"not-a-guid\"}", ContainerWaitForProcess.class).path());
    }
}
