package io.hcs4j.emulator.hcs;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.ptr.PointerByReference;
import io.hcs4j.hcs.ComputeSystem;
import io.hcs4j.hcs.HcsErrorKind;
import io.hcs4j.hcs.HcsException;
import io.hcs4j.hcs.HcsGeneration;
import io.hcs4j.hcs.HcsProcess;
import io.hcs4j.hcs.HcsService;
import io.hcs4j.hcs.raw.ComputeCore;
import io.hcs4j.hcs.raw.HResults;
import io.hcs4j.hcs.raw.VmCompute;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every error kind of the facade, triggered against the emulator and asserted (kind, predicate, result document). */
@Timeout(60)
class ErrorKindsTest {
    static final Duration WAIT = Duration.ofSeconds(20);
    static final TestGuests.Switchable GUESTS = new TestGuests.Switchable();
    static Emulator emulator;

    @BeforeAll
    static void start() {
        emulator = new Emulator(GUESTS);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @AfterEach
    void nothingLeaked() {
        GUESTS.reset();
        assertEquals(0, emulator.heap().outstanding());
        assertEquals(0, emulator.heap().mismatchedFrees());
    }

    static HcsService service(HcsGeneration g) {
        return HcsService.open(emulator.backend(), g);
    }

    static HcsException fails(HcsErrorKind kind, org.junit.jupiter.api.function.Executable call) {
        HcsException e = assertThrows(HcsException.class, call);
        assertEquals(kind, e.kind(), e.getMessage());
        return e;
    }

    @ParameterizedTest
    @EnumSource(HcsGeneration.class)
    void notFound(HcsGeneration g) throws Exception {
        HcsService hcs = service(g);
        assertTrue(fails(HcsErrorKind.SYSTEM_NOT_FOUND, () -> hcs.openComputeSystem("no-such-system")).isNotFound());
        try (ComputeSystem s = hcs.createComputeSystem(Docs.id(), Docs.container())) {
            s.start();
            assertTrue(fails(HcsErrorKind.ELEMENT_NOT_FOUND, () -> s.openProcess(999_999_999)).isNotFound());
            s.terminate();
        }
    }

    @ParameterizedTest
    @EnumSource(HcsGeneration.class)
    void alreadyExists(HcsGeneration g) throws Exception {
        HcsService hcs = service(g);
        String id = Docs.id();
        try (ComputeSystem s = hcs.createComputeSystem(id, Docs.container())) {
            HcsException e = fails(HcsErrorKind.ALREADY_EXISTS, () -> hcs.createComputeSystem(id, Docs.container()));
            assertTrue(e.isAlreadyExists());
            s.terminate();
        }
    }

    @ParameterizedTest
    @EnumSource(HcsGeneration.class)
    void alreadyStoppedAndInvalidState(HcsGeneration g) throws Exception {
        try (ComputeSystem s = service(g).createComputeSystem(Docs.id(), Docs.container())) {
            assertTrue(fails(HcsErrorKind.INVALID_STATE, s::pause).isInvalidState());
            assertTrue(fails(HcsErrorKind.INVALID_STATE, s::resume).isInvalidState());
            fails(HcsErrorKind.INVALID_STATE, () -> s.createProcess(Docs.process("true")));
            s.start();
            fails(HcsErrorKind.INVALID_STATE, s::start);
            s.terminate();
            s.waitExit(WAIT);
            assertTrue(fails(HcsErrorKind.ALREADY_STOPPED, s::terminate).isAlreadyStopped());
            assertTrue(fails(HcsErrorKind.ALREADY_STOPPED, s::shutdown).isAlreadyStopped());
        }
    }

    @ParameterizedTest
    @EnumSource(HcsGeneration.class)
    void invalidJsonCarriesTheResultDocument(HcsGeneration g) {
        HcsException e = fails(HcsErrorKind.INVALID_JSON,
                () -> service(g).createComputeSystem(Docs.id(), "{\"SchemaVersion\": oops"));
        assertFalse(e.result().errorEvents().isEmpty());
        assertTrue(e.result().errorMessage().contains("not valid JSON"), e.result().errorMessage());
        assertEquals(e.hresult(), e.result().error());
    }

    @ParameterizedTest
    @EnumSource(HcsGeneration.class)
    void accessDenied(HcsGeneration g, @TempDir Path dir) throws Exception {
        Path notExecutable = Files.writeString(dir.resolve("script.sh"), "#!/bin/sh\n");
        try (ComputeSystem s = service(g).createComputeSystem(Docs.id(), Docs.container())) {
            s.start();
            HcsException e = fails(HcsErrorKind.ACCESS_DENIED,
                    () -> s.createProcess(Docs.process(notExecutable.toString())));
            assertTrue(e.isAccessDenied());
            s.terminate();
        }
    }

    @ParameterizedTest
    @EnumSource(HcsGeneration.class)
    void notSupportedUnknownMessageAndProcessAlreadyStopped(HcsGeneration g) throws Exception {
        try (ComputeSystem s = service(g).createComputeSystem(Docs.id(), Docs.container())) {
            s.start();
            assertTrue(fails(HcsErrorKind.NOT_SUPPORTED,
                    () -> s.properties(Docs.query("NoSuchProperty"), JsonNode.class)).isNotSupported());
            try (HcsProcess p = s.createProcess(Docs.process("true"))) {
                fails(HcsErrorKind.UNKNOWN_MESSAGE, () -> p.modify("{\"Operation\":\"Teleport\"}"));
                assertEquals(0, p.waitExit(WAIT));
                assertTrue(fails(HcsErrorKind.PROCESS_ALREADY_STOPPED, p::terminate).isAlreadyStopped());
            }
            s.terminate();
        }
    }

    @ParameterizedTest
    @EnumSource(HcsGeneration.class)
    void unexpectedExitWhenTheGuestDiesDuringStart(HcsGeneration g) throws Exception {
        GUESTS.delegate = (id, doc) -> TestGuests.dead();
        try (ComputeSystem vm = service(g).createComputeSystem(Docs.id(), Docs.vm())) {
            assertTrue(fails(HcsErrorKind.UNEXPECTED_EXIT, vm::start).isUnexpectedExit());
            assertEquals("UnexpectedExit", vm.waitExit(WAIT).exitType());
        }
    }

    @ParameterizedTest
    @EnumSource(HcsGeneration.class)
    void timeoutWhenTheGuestNeverBoots(HcsGeneration g) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        GUESTS.delegate = TestGuests.blocking(release);
        System.setProperty("hcs4j.timeout.start", "300");
        try (ComputeSystem vm = service(g).createComputeSystem(Docs.id(), Docs.vm())) {
            HcsException e = fails(HcsErrorKind.TIMEOUT, vm::start);
            assertTrue(e.isTimeout());
            System.clearProperty("hcs4j.timeout.start");
            release.countDown();
            // Terminate wins over the start still running in the background: a guest booting late is killed.
            vm.terminate();
            vm.waitExit(WAIT);
        } finally {
            System.clearProperty("hcs4j.timeout.start");
            release.countDown();
        }
    }

    @ParameterizedTest
    @EnumSource(HcsGeneration.class)
    void handleClosed(HcsGeneration g) throws Exception {
        ComputeSystem s = service(g).createComputeSystem(Docs.id(), Docs.container());
        s.start();
        HcsProcess p = s.createProcess(Docs.process("sleep", "30"));
        p.close();
        assertTrue(fails(HcsErrorKind.HANDLE_CLOSED, p::terminate).isHandleClosed());
        ExecutionException pe = assertThrows(ExecutionException.class, () -> p.exitCode().get(5, TimeUnit.SECONDS));
        assertEquals(HcsErrorKind.HANDLE_CLOSED, ((HcsException) pe.getCause()).kind());
        try (ComputeSystem again = service(g).openComputeSystem(s.id())) {
            s.close();
            fails(HcsErrorKind.HANDLE_CLOSED, s::start);
            ExecutionException e = assertThrows(ExecutionException.class, () -> s.exit().get(5, TimeUnit.SECONDS));
            assertInstanceOf(HcsException.class, e.getCause());
            again.terminate();
        }
    }

    @ParameterizedTest
    @EnumSource(HcsGeneration.class)
    void serviceDisconnect(HcsGeneration g) throws Exception {
        Emulator own = new Emulator(null);
        HcsService hcs = HcsService.open(own.backend(), g);
        try (ComputeSystem s = hcs.createComputeSystem(Docs.id(), Docs.container())) {
            s.start();
            try (HcsProcess p = s.createProcess(Docs.process("sleep", "30"))) {
                own.close();
                ExecutionException e = assertThrows(ExecutionException.class, () -> s.exit().get(20, TimeUnit.SECONDS));
                assertTrue(((HcsException) e.getCause()).isServiceDisconnect());
                ExecutionException pe = assertThrows(ExecutionException.class,
                        () -> p.exitCode().get(20, TimeUnit.SECONDS));
                assertTrue(((HcsException) pe.getCause()).isServiceDisconnect());
                assertTrue(fails(HcsErrorKind.SERVICE_DISCONNECT, s::pause).isServiceDisconnect());
                fails(HcsErrorKind.SERVICE_DISCONNECT, () -> hcs.openComputeSystem(s.id()));
            } catch (HcsException expected) {
                assertTrue(expected.isServiceDisconnect(), expected.getMessage());
            }
        } finally {
            own.close();
        }
        assertEquals(0, own.heap().outstanding());
        assertEquals(0, own.handleCount(), "every handle was closed after the disconnect");
    }

    /** Raw-layer kinds: vmcompute's pending answer, a missing export, a forged handle, an oversized document. */
    @Test
    void rawLayerKinds() throws Exception {
        VmCompute vc = emulator.backend().vmCompute();
        PointerByReference sys = new PointerByReference();
        PointerByReference result = new PointerByReference();
        int hr = vc.HcsCreateComputeSystem(new WString(Docs.id()), new WString(Docs.container().toString()), null,
                sys, result);
        assertEquals(HcsErrorKind.PENDING, HcsErrorKind.of(hr));
        assertEquals(null, result.getValue());
        hr = vc.HcsTerminateComputeSystem(sys.getValue(), null, result);
        assertEquals(HcsErrorKind.PENDING, HcsErrorKind.of(hr));
        assertEquals(HResults.S_OK, vc.HcsCloseComputeSystem(sys.getValue()));
        assertEquals(HcsErrorKind.INVALID_HANDLE, HcsErrorKind.of(vc.HcsCloseComputeSystem(sys.getValue())));

        ComputeCore cc = emulator.backend().computeCore();
        assertEquals(HcsErrorKind.PROC_NOT_FOUND, HcsErrorKind.of(cc.HcsCreateComputeSystemInNamespace(
                new WString("ns"), new WString("x"), new WString("{}"), null, null, new PointerByReference())));
        assertEquals(HcsErrorKind.INVALID_HANDLE,
                HcsErrorKind.of(cc.HcsStartComputeSystem(new Pointer(0xdead0), cc.HcsCreateOperation(null, null), null)));

        HcsException big = fails(HcsErrorKind.INVALID_DATA, () -> service(HcsGeneration.COMPUTECORE)
                .createComputeSystem(Docs.id(), "{\"Owner\":\"" + "x".repeat(Emulator.MAX_DOCUMENT_CHARS) + "\"}"));
        assertTrue(big.result().errorMessage().contains("exceeds"), big.getMessage());
    }
}
