package io.hcs4j.emulator.guest;

import io.hcs4j.cow.SignalOptions;
import io.hcs4j.hcs.raw.HResults;
import io.hcs4j.schema.guest.ContainerGetProperties;
import io.hcs4j.schema.guest.ContainerGetPropertiesResponse;
import io.hcs4j.schema.guest.ContainerPropertiesQuery;
import io.hcs4j.schema.guest.ContainerWaitForProcess;
import io.hcs4j.schema.guest.ContainerWaitForProcessResponse;
import io.hcs4j.schema.guest.GcsCapabilities;
import io.hcs4j.schema.guest.RPCProc;
import io.hcs4j.schema.v1.ContainerProperties;
import io.hcs4j.schema.v2.PropertyType;
import io.hcs4j.uvm.bridge.BridgeClosedException;
import io.hcs4j.uvm.bridge.GcsBridge;
import io.hcs4j.uvm.bridge.GcsException;
import io.hcs4j.uvm.guest.GuestContainer;
import io.hcs4j.uvm.guest.GuestProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The host side of uvm against the emulated guest agent, one VM for the whole class. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class EmulatedGuestTest {
    static final String LOOP = "trap 'exit 0' TERM; while :; do sleep 1; done";

    EmulatedVm vm;

    @BeforeAll
    void boot(@TempDir Path work) throws Exception {
        vm = new EmulatedVm(work);
    }

    @AfterAll
    void shutdown() throws Exception {
        if (vm != null) {
            vm.close();
        }
    }

    @Test
    void negotiatesLikeTheReferenceGuest() {
        GcsCapabilities caps = vm.connection.capabilities();
        assertEquals("linux", vm.connection.os());
        assertEquals(2, caps.supportedSchemaVersions.get(0).major);
        assertTrue(caps.guestDefinedCapabilities.path("SignalProcessSupported").asBoolean());
        assertFalse(Boolean.TRUE.equals(caps.sendHostCreateMessage));
    }

    @Test
    void initProcessOutputExitCodeAndContainerLifecycle() throws Exception {
        GuestContainer c = vm.createContainer("c-init-exit", "sh", "-c", "echo hello; echo err >&2; exit 3");
        EmulatedVm.Result r = EmulatedVm.run(c.createProcess(EmulatedVm.init()));
        assertEquals(new EmulatedVm.Result("hello\n", "err\n", 3), r);
        c.exit().get(10, TimeUnit.SECONDS);
        assertEquals("UnexpectedExit", c.exitType());
        c.shutdown();
        vm.removeLayers("c-init-exit");
        c.deleteState();
        c.close();
        GcsException gone = assertThrows(GcsException.class, () -> c.properties(
                io.hcs4j.schema.v1.PropertyType.PROCESS_LIST));
        assertEquals(HResults.V1_SYSTEM_NOT_FOUND, gone.result());
    }

    @Test
    void hundredConcurrentExecsEachGetTheirOwnOutputAndExitCode() throws Exception {
        GuestContainer c = vm.createContainer("c-many", "sh", "-c", LOOP);
        GuestProcess init = c.createProcess(EmulatedVm.init());
        ExecutorService pool = Executors.newFixedThreadPool(100);
        try {
            List<CompletableFuture<EmulatedVm.Result>> runs = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String script = "echo out-" + i + "; echo err-" + i + " >&2; exit " + (i % 7);
                runs.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return EmulatedVm.run(c.createProcess(EmulatedVm.exec(false, true, true, "sh", "-c", script)));
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                }, pool));
            }
            for (int i = 0; i < 100; i++) {
                assertEquals(new EmulatedVm.Result("out-" + i + "\n", "err-" + i + "\n", i % 7),
                        runs.get(i).get(60, TimeUnit.SECONDS), "exec " + i);
            }
        } finally {
            pool.shutdownNow();
        }
        c.shutdown();
        assertEquals(0, EmulatedVm.run(init).exitCode());
        c.exit().get(10, TimeUnit.SECONDS);
        vm.removeLayers("c-many");
        c.deleteState();
    }

    @Test
    void signalsStdinPropertiesAndErrorsLikeTheReference() throws Exception {
        GuestContainer c = vm.createContainer("c-exec", "sh", "-c", LOOP);
        GuestProcess init = c.createProcess(EmulatedVm.init());

        GuestProcess cat = c.createProcess(EmulatedVm.exec(true, true, false, "cat"));
        cat.stdin().write("ping from host\n".getBytes(StandardCharsets.UTF_8));
        cat.closeStdin();
        assertEquals(new EmulatedVm.Result("ping from host\n", null, 0), EmulatedVm.run(cat));

        GuestProcess term = c.createProcess(EmulatedVm.exec(false, true, true, "sleep", "1000"));
        var list = c.properties(io.hcs4j.schema.v1.PropertyType.PROCESS_LIST).processList;
        assertTrue(list.stream().anyMatch(p -> p.processId == term.pid()), "process list has " + term.pid());
        assertTrue(list.stream().anyMatch(p -> p.processId == init.pid()), "process list has init " + init.pid());
        var stats = c.propertiesV2(PropertyType.STATISTICS);
        assertTrue(stats.metrics != null, "LCOWMetrics");
        assertTrue(term.signal(SignalOptions.linux(15)));
        assertEquals(143, EmulatedVm.run(term).exitCode());

        GuestProcess killed = c.createProcess(EmulatedVm.exec(false, true, true, "sleep", "1000"));
        assertTrue(killed.kill());
        assertEquals(137, EmulatedVm.run(killed).exitCode());
        // Signalling an exited process: the guest answers 0x80070490, which means "not delivered".
        assertFalse(killed.signal(SignalOptions.linux(15)));

        // A bounded wait on a running process times out with 0xC0370109.
        GuestProcess sleeper = c.createProcess(EmulatedVm.exec(false, false, false, "sleep", "1000"));
        ContainerWaitForProcess wait = GcsBridge.request(new ContainerWaitForProcess(), "c-exec");
        wait.processId = sleeper.pid();
        wait.timeoutInMs = 200;
        var timedOut = vm.connection.bridge().call(RPCProc.RPC_WAIT_FOR_PROCESS, wait,
                ContainerWaitForProcessResponse.class, Duration.ofSeconds(10));
        ExecutionException e = assertThrows(ExecutionException.class, () -> timedOut.get(10, TimeUnit.SECONDS));
        assertEquals(HResults.V1_CONNECTION_TIMEOUT, assertInstanceOf(GcsException.class, e.getCause()).result());
        assertTrue(sleeper.kill());
        assertEquals(137, sleeper.exit().get(10, TimeUnit.SECONDS));

        assertTrue(vm.connection.dumpStacks().contains("guest-request"));

        c.shutdown();
        assertEquals(0, EmulatedVm.run(init).exitCode());
        c.exit().get(10, TimeUnit.SECONDS);
        vm.removeLayers("c-exec");
        c.deleteState();
    }

    @Test
    void unknownContainersAreRefusedWithTheReferenceCode() throws Exception {
        ContainerGetProperties query = GcsBridge.request(new ContainerGetProperties(), "no-such-container");
        query.query = new ContainerPropertiesQuery();
        query.query.propertyTypes = List.of(io.hcs4j.schema.v1.PropertyType.PROCESS_LIST);
        var call = vm.connection.bridge().call(RPCProc.RPC_GET_PROPERTIES, query,
                ContainerGetPropertiesResponse.class, Duration.ofSeconds(10));
        ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(10, TimeUnit.SECONDS));
        assertEquals(HResults.V1_SYSTEM_NOT_FOUND, assertInstanceOf(GcsException.class, e.getCause()).result());
    }

    @Test
    void aTerminalIsAPtyThatCanBeResized() throws Exception {
        GuestContainer c = vm.createContainer("c-tty", "sh", "-c", LOOP);
        GuestProcess init = c.createProcess(EmulatedVm.init());
        var params = EmulatedVm.exec(true, true, false, "sh", "-c",
                "[ -t 0 ] && [ -t 1 ] && echo on-a-tty; stty size; read line; stty size");
        params.ociProcess.terminal = true;
        params.consoleSize = List.of(30, 100);
        GuestProcess tty = c.createProcess(params);
        // Read up to the first size (the shell then waits for a line), resize, then let it print the new size.
        StringBuilder out = new StringBuilder();
        int b;
        while (!out.toString().replace("\r", "").contains("30 100\n") && (b = tty.stdout().read()) >= 0) {
            out.append((char) b);
        }
        tty.resizeConsole(120, 50);
        tty.stdin().write("go\n".getBytes(StandardCharsets.UTF_8));
        out.append(EmulatedVm.readAll(tty.stdout()));
        tty.closeStdout();
        assertEquals(0, tty.exit().get(30, TimeUnit.SECONDS));
        String text = out.toString().replace("\r", "");
        assertTrue(text.startsWith("on-a-tty\n30 100\n"), text);
        assertTrue(text.endsWith("go\n50 120\n"), text);

        GcsException noTty = assertThrows(GcsException.class, () -> init.resizeConsole(80, 24));
        assertEquals(HResults.V1_INVALID_STATE, noTty.result());
        c.terminate();
        EmulatedVm.run(init);
        c.exit().get(10, TimeUnit.SECONDS);
        vm.removeLayers("c-tty");
        c.deleteState();
    }

    @Test
    void processesRunInTheContainerRootfs() throws Exception {
        GuestContainer c = vm.createContainer("c-rootfs", "sh", "-c", LOOP);
        GuestProcess init = c.createProcess(EmulatedVm.init());
        EmulatedVm.Result ls = EmulatedVm.run(c.createProcess(EmulatedVm.exec(false, true, true, "ls", "/bin")));
        assertTrue(ls.stdout().contains("busybox"), ls.stdout());
        c.terminate();
        assertEquals(137, EmulatedVm.run(init).exitCode());
        c.exit().get(10, TimeUnit.SECONDS);
        vm.removeLayers("c-rootfs");
        c.deleteState();
    }

    @Test
    void deleteStateWhileTheLayersAreCombinedFailsLikeTheReferenceAfterRemovingTheScratch() throws Exception {
        GuestContainer c = vm.createContainer("c-order", "true");
        assertEquals(0, EmulatedVm.run(c.createProcess(EmulatedVm.init())).exitCode());
        c.exit().get(10, TimeUnit.SECONDS);
        Path scratch = vm.work.resolve("scratch/c-order");
        Path bundle = vm.work.resolve("c/c-order");
        Files.createDirectories(scratch);
        Files.writeString(scratch.resolve("written"), "by the container");

        GcsException e = assertThrows(GcsException.class, c::deleteState);
        assertEquals(HResults.E_FAIL, e.result());
        assertTrue(e.getMessage().contains("unlinkat " + bundle + ": directory not empty"), e.getMessage());
        assertFalse(Files.exists(scratch), "the scratch is removed before the bundle fails");
        try (var left = Files.list(bundle)) {
            assertEquals(List.of(vm.rootPath("c-order")), left.toList(), "only the mounted rootfs is left");
        }
        // As the reference, the guest forgets the container all the same.
        assertEquals(HResults.V1_SYSTEM_NOT_FOUND, assertThrows(GcsException.class,
                () -> c.properties(io.hcs4j.schema.v1.PropertyType.PROCESS_LIST)).result());
        vm.removeLayers("c-order");
    }

    @Test
    void deleteStateRemovesTheScratchAndBundleTreesButNotWhatTheyLinkTo() throws Exception {
        GuestContainer c = vm.createContainer("c-trees", "true");
        assertEquals(0, EmulatedVm.run(c.createProcess(EmulatedVm.init())).exitCode());
        c.exit().get(10, TimeUnit.SECONDS);
        Path scratch = Files.createDirectories(vm.work.resolve("scratch/c-trees"));
        Path elsewhere = Files.createDirectories(vm.work.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("kept"), "not the guest's");
        Files.writeString(scratch.resolve("lost"), "a file in the scratch");
        Files.createSymbolicLink(scratch.resolve("link"), elsewhere);
        vm.removeLayers("c-trees");
        c.deleteState();
        assertFalse(Files.exists(scratch, LinkOption.NOFOLLOW_LINKS), "the scratch tree is removed");
        assertFalse(Files.exists(vm.work.resolve("c/c-trees"), LinkOption.NOFOLLOW_LINKS), "the bundle tree is removed");
        assertEquals("not the guest's", Files.readString(elsewhere.resolve("kept")), "a link is not followed");
    }
}
