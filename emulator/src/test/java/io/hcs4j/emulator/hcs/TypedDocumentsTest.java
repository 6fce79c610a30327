package io.hcs4j.emulator.hcs;

import io.hcs4j.hcs.ComputeSystem;
import io.hcs4j.hcs.HcsErrorKind;
import io.hcs4j.hcs.HcsException;
import io.hcs4j.hcs.HcsGeneration;
import io.hcs4j.hcs.HcsProcess;
import io.hcs4j.hcs.HcsService;
import io.hcs4j.schema.v2.Container;
import io.hcs4j.schema.v2.ProcessParameters;
import io.hcs4j.schema.v2.ProcessStatus;
import io.hcs4j.schema.v2.Properties;
import io.hcs4j.schema.v2.PropertyQuery;
import io.hcs4j.schema.v2.PropertyType;
import io.hcs4j.schema.v2.Version;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The facade with the schema module's typed documents; the emulator checks documents against those types. */
@Timeout(60)
class TypedDocumentsTest {
    static final Duration WAIT = Duration.ofSeconds(20);
    static Emulator emulator;

    @BeforeAll
    static void start() {
        emulator = new Emulator(null);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    static io.hcs4j.schema.v2.ComputeSystem container() {
        io.hcs4j.schema.v2.ComputeSystem doc = new io.hcs4j.schema.v2.ComputeSystem();
        doc.owner = "hcs4j-test";
        doc.schemaVersion = new Version();
        doc.schemaVersion.major = 2;
        doc.schemaVersion.minor = 1;
        doc.container = new Container();
        return doc;
    }

    @ParameterizedTest
    @EnumSource(HcsGeneration.class)
    void typedCreateProcessAndProperties(HcsGeneration g) throws Exception {
        try (ComputeSystem s = HcsService.open(emulator.backend(), g).createComputeSystem(Docs.id(), container())) {
            s.start();
            ProcessParameters params = new ProcessParameters();
            params.commandArgs = List.of("sh", "-c", "echo typed; sleep 30");
            params.createStdOutPipe = true;
            try (HcsProcess p = s.createProcess(params)) {
                byte[] line = new byte[6];
                assertEquals(6, p.stdout().readNBytes(line, 0, 6));
                assertEquals("typed\n", new String(line, StandardCharsets.UTF_8));

                PropertyQuery query = new PropertyQuery();
                query.propertyTypes = List.of(PropertyType.PROCESS_LIST, PropertyType.STATISTICS);
                Properties props = s.properties(query);
                assertEquals("Running", props.state);
                assertEquals("hcs4j-test", props.owner);
                assertEquals(p.pid(), props.processList.get(0).processId);
                assertNotNull(props.statistics.timestamp);
                assertTrue(props.statistics.memory != null);

                var listed = HcsService.open(emulator.backend(), g).enumerateComputeSystems(
                        "{\"Ids\":[\"" + s.id() + "\"]}", io.hcs4j.schema.v1.ContainerProperties.class);
                assertEquals(1, listed.size());
                assertEquals(s.id(), listed.get(0).id);
                assertEquals("Running", listed.get(0).state);

                ProcessStatus status = p.status();
                assertEquals(p.pid(), status.processId);
                // Only a process started with EmulateConsole has a console to resize.
                assertEquals(io.hcs4j.hcs.HcsErrorKind.INVALID_STATE,
                        assertThrows(HcsException.class, () -> p.resizeConsole(120, 40)).kind());
                p.terminate();
                assertEquals(137, p.waitExit(WAIT));
                assertEquals(137, p.status().exitCode);
            }
            s.terminate();
            s.waitExit(WAIT);
        }
    }

    @ParameterizedTest
    @EnumSource(HcsGeneration.class)
    void documentsAreCheckedAgainstTheSchemaTypes(HcsGeneration g) {
        HcsService hcs = HcsService.open(emulator.backend(), g);
        HcsException e = assertThrows(HcsException.class, () -> hcs.createComputeSystem(Docs.id(),
                "{\"Owner\":5,\"SchemaVersion\":{\"Major\":2,\"Minor\":1},\"Container\":{}}"));
        assertEquals(HcsErrorKind.INVALID_JSON, e.kind());
        assertTrue(e.getMessage().contains("Owner"), e.getMessage());
    }
}
