package io.hcs4j.emulator.hcs;

import com.fasterxml.jackson.databind.JsonNode;
import io.hcs4j.hcs.ComputeSystem;
import io.hcs4j.hcs.HcsErrorKind;
import io.hcs4j.hcs.HcsException;
import io.hcs4j.hcs.HcsGeneration;
import io.hcs4j.hcs.HcsProcess;
import io.hcs4j.hcs.HcsService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Malformed and oversized documents, unknown ids, double close and use after close: clear errors, no leak. */
@Timeout(60)
class BadInputTest {
    static final Duration WAIT = Duration.ofSeconds(20);
    static Emulator emulator;
    int handlesBefore;

    @BeforeAll
    static void start() {
        emulator = new Emulator(null);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void baseline() {
        handlesBefore = emulator.handleCount();
    }

    @AfterEach
    void nothingLeaked() {
        assertEquals(0, emulator.heap().outstanding(), "result strings");
        assertEquals(0, emulator.heap().mismatchedFrees());
        assertEquals(handlesBefore, emulator.handleCount(), "handles");
        assertEquals(0, emulator.systemCount(), "systems");
    }

    static HcsService service(HcsGeneration g) {
        return HcsService.open(emulator.backend(), g);
    }

    static void fails(HcsErrorKind kind, Executable call) {
        HcsException e = assertThrows(HcsException.class, call);
        assertEquals(kind, e.kind(), e.getMessage());
        assertNotNull(e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(HcsGeneration.class)
    void malformedAndOversizedDocuments(HcsGeneration g) {
        HcsService hcs = service(g);
        for (String doc : List.of("", "not json", "[]", "42", "{}", "{\"SchemaVersion\":\"2.1\",\"Container\":{}}",
                "{\"SchemaVersion\":{\"Major\":2,\"Minor\":1}}", "{\"SystemType\":\"Toaster\"}",
                "{\"SchemaVersion\":{\"Major\":2,\"Minor\":1},\"Container\":{}")) {
            fails(HcsErrorKind.INVALID_JSON, () -> hcs.createComputeSystem(Docs.id(), doc));
        }
        fails(HcsErrorKind.INVALID_DATA, () -> hcs.createComputeSystem(Docs.id(), null));
        fails(HcsErrorKind.INVALID_DATA, () -> hcs.createComputeSystem("", Docs.container()));
        String huge = "{\"Owner\":\"" + "x".repeat(Emulator.MAX_DOCUMENT_CHARS) + "\"}";
        fails(HcsErrorKind.INVALID_DATA, () -> hcs.createComputeSystem(Docs.id(), huge));
    }

    @ParameterizedTest
    @EnumSource(HcsGeneration.class)
    void malformedRequestsOnARunningSystem(HcsGeneration g) throws Exception {
        try (ComputeSystem s = service(g).createComputeSystem(Docs.id(), Docs.container())) {
            s.start();
            fails(HcsErrorKind.INVALID_JSON, () -> s.createProcess("{\"CommandArgs\":"));
            fails(HcsErrorKind.INVALID_DATA, () -> s.createProcess("{}"));
            HcsException noDir = assertThrows(HcsException.class, () -> s.createProcess(
                    Docs.process("true").put("WorkingDirectory", "/no/such/dir")));
            assertEquals(0x80070003, noDir.hresult());
            fails(HcsErrorKind.INVALID_JSON, () -> s.properties("[1]", JsonNode.class));
            fails(HcsErrorKind.INVALID_JSON, () -> s.modify("nope"));
            fails(HcsErrorKind.INVALID_DATA, () -> s.modify("{\"RequestType\":\"Explode\"}"));
            try (HcsProcess p = s.createProcess(Docs.process("sleep", "30"))) {
                fails(HcsErrorKind.INVALID_DATA, () -> p.signal("{\"Signal\":\"CtrlZ\"}"));
                fails(HcsErrorKind.INVALID_DATA, () -> p.signal("{\"Signal\":999}"));
                fails(HcsErrorKind.INVALID_JSON, () -> p.modify("]"));
                p.terminate();
                p.waitExit(WAIT);
            }
            s.terminate();
            s.waitExit(WAIT);
        }
    }

    @ParameterizedTest
    @EnumSource(HcsGeneration.class)
    void unknownIds(HcsGeneration g) {
        HcsService hcs = service(g);
        fails(HcsErrorKind.SYSTEM_NOT_FOUND, () -> hcs.openComputeSystem(Docs.id()));
        fails(HcsErrorKind.SYSTEM_NOT_FOUND, () -> hcs.openComputeSystem(""));
    }

    @ParameterizedTest
    @EnumSource(HcsGeneration.class)
    void doubleCloseAndUseAfterClose(HcsGeneration g) throws Exception {
        ComputeSystem s = service(g).createComputeSystem(Docs.id(), Docs.container());
        s.start();
        HcsProcess p = s.createProcess(Docs.process("sh", "-c", "exit 0").put("CreateStdInPipe", true));
        assertEquals(0, p.waitExit(WAIT));
        p.close();
        p.close();
        fails(HcsErrorKind.HANDLE_CLOSED, p::terminate);
        fails(HcsErrorKind.HANDLE_CLOSED, () -> p.signal(null));
        fails(HcsErrorKind.HANDLE_CLOSED, () -> p.properties(JsonNode.class));
        fails(HcsErrorKind.HANDLE_CLOSED, () -> p.resizeConsole(80, 25));
        assertThrows(java.io.IOException.class, () -> p.stdout().read());
        assertThrows(java.io.IOException.class, () -> p.stdin().write(1));

        s.terminate();
        s.waitExit(WAIT);
        s.close();
        s.close();
        for (Executable use : List.<Executable>of(s::start, s::shutdown, s::terminate, s::pause, s::resume,
                () -> s.save(null), () -> s.properties(Docs.query(), JsonNode.class), () -> s.modify("{}"),
                () -> s.createProcess(Docs.process("true")), () -> s.openProcess(1))) {
            fails(HcsErrorKind.HANDLE_CLOSED, use);
        }
        assertTrue(s.exit().isDone());
    }
}
