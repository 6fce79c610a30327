package io.hcs4j.emulator.hcs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.hcs.ComputeSystem;
import io.hcs4j.hcs.HcsErrorKind;
import io.hcs4j.hcs.HcsException;
import io.hcs4j.hcs.HcsGeneration;
import io.hcs4j.hcs.HcsProcess;
import io.hcs4j.hcs.HcsService;
import io.hcs4j.hcs.SystemExit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The facade driven against the emulator through both HCS generations: lifecycle, processes, stdio, properties. */
@Timeout(60)
class FacadeLifecycleTest {
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

    @AfterEach
    void nothingLeaked() {
        assertEquals(0, emulator.heap().outstanding(), "result strings not freed");
        assertEquals(0, emulator.heap().mismatchedFrees(), "freed with the wrong function");
    }

    static HcsService service(HcsGeneration g) {
        return HcsService.open(emulator.backend(), g);
    }

    static String state(ComputeSystem s) throws HcsException {
        return s.properties(Docs.query(), JsonNode.class).get("State").asText();
    }

    @ParameterizedTest
    @EnumSource(HcsGeneration.class)
    void fullLifecycle(HcsGeneration g, @TempDir Path dir) throws Exception {
        HcsService hcs = service(g);
        String id = Docs.id();
        try (ComputeSystem s = hcs.createComputeSystem(id, Docs.container())) {
            assertEquals(id, s.id());
            assertEquals("Created", state(s));
            s.start();
            assertEquals("Running", state(s));
            s.pause();
            assertEquals("Paused", state(s));
            Path saved = dir.resolve("state.json");
            s.save("{\"SaveStateFilePath\":" + Docs.MAPPER.writeValueAsString(saved.toString()) + "}");
            assertTrue(Files.readString(saved).contains(id));
            s.resume();
            assertEquals("Running", state(s));
            // A container's own memory (a VM's resource path is refused on a container: VmGuestTest).
            s.modify("{\"ResourcePath\":\"Container/Memory/SizeInMB\",\"RequestType\":\"Update\",\"Settings\":1024}");

            try (ComputeSystem other = hcs.openComputeSystem(id)) {
                assertEquals("Running", state(other));
            }
            List<JsonNode> listed = hcs.enumerateComputeSystems("{\"Ids\":[\"" + id + "\"]}", JsonNode.class);
            assertEquals(1, listed.size());
            assertEquals("Running", listed.get(0).get("State").asText());

            s.shutdown();
            SystemExit exit = s.waitExit(WAIT);
            assertEquals(0, exit.status());
            assertEquals("GracefulExit", exit.exitType());
            assertEquals("Stopped", state(s));
        }
        HcsException gone = assertThrows(HcsException.class, () -> hcs.openComputeSystem(id));
        assertTrue(gone.isNotFound());
    }

    @ParameterizedTest
    @EnumSource(HcsGeneration.class)
    void exitCodesAndOutput(HcsGeneration g) throws Exception {
        try (ComputeSystem s = service(g).createComputeSystem(Docs.id(), Docs.container())) {
            s.start();
            assertEquals(0, run(s, "true").code);
            assertEquals(7, run(s, "sh", "-c", "exit 7").code);
            assertEquals(137, run(s, "sh", "-c", "kill -9 $$").code);
            Run r = run(s, "sh", "-c", "echo out; echo err >&2");
            assertEquals("out\n", r.stdout);
            assertEquals("err\n", r.stderr);
            s.terminate();
            s.waitExit(WAIT);
        }
    }

    record Run(int code, String stdout, String stderr) {
    }

    static Run run(ComputeSystem s, String... args) throws Exception {
        try (HcsProcess p = s.createProcess(Docs.process(args))) {
            assertNull(p.stdin(), "stdin was not requested");
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.stderr()));
            String out = new String(p.stdout().readAllBytes(), StandardCharsets.UTF_8);
            int code = p.waitExit(WAIT);
            return new Run(code, out, new String(err.get(20, TimeUnit.SECONDS), StandardCharsets.UTF_8));
        }
    }

    static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @EnumSource(HcsGeneration.class)
    void oneMebibyteThroughStdinAndStdout(HcsGeneration g) throws Exception {
        byte[] data = new byte[1 << 20];
        new Random(42).nextBytes(data);
        try (ComputeSystem s = service(g).createComputeSystem(Docs.id(), Docs.container())) {
            s.start();
            try (HcsProcess p = s.createProcess(Docs.process("cat").put("CreateStdInPipe", true))) {
                CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.stdout()));
                p.stdin().write(data);
                p.closeStdin();
                assertArrayEquals(data, out.get(20, TimeUnit.SECONDS));
                assertEquals(0, p.waitExit(WAIT));
            }
            s.terminate();
        }
    }

    @ParameterizedTest
    @EnumSource(HcsGeneration.class)
    void signalTerminateAndProcessProperties(HcsGeneration g) throws Exception {
        try (ComputeSystem s = service(g).createComputeSystem(Docs.id(), Docs.container())) {
            s.start();
            try (HcsProcess p = s.createProcess(Docs.process("sleep", "30"))) {
                JsonNode status = p.properties(JsonNode.class);
                assertEquals(p.pid(), status.get("ProcessId").asInt());
                assertFalse(status.get("Exited").asBoolean());
                p.signal("{\"Signal\":15}");
                assertEquals(143, p.waitExit(WAIT));
                assertTrue(p.properties(JsonNode.class).get("Exited").asBoolean());
                HcsException again = assertThrows(HcsException.class, () -> p.signal("{\"Signal\":15}"));
                assertTrue(again.isAlreadyStopped(), again.getMessage());
            }
            try (HcsProcess p = s.createProcess(Docs.process("sleep", "30"))) {
                p.terminate();
                assertEquals(137, p.waitExit(WAIT));
                assertEquals(137, p.properties(JsonNode.class).get("ExitCode").asInt());
            }
            try (HcsProcess p = s.createProcess(Docs.process("sleep", "30"))) {
                p.signal(null);
                assertEquals(137, p.waitExit(WAIT), "no options means SIGKILL");
            }
            s.terminate();
        }
    }

    @ParameterizedTest
    @EnumSource(HcsGeneration.class)
    void systemPropertiesFromLiveState(HcsGeneration g) throws Exception {
        try (ComputeSystem s = service(g).createComputeSystem(Docs.id(), Docs.container())) {
            s.start();
            try (HcsProcess p = s.createProcess(Docs.process("sleep", "30"))) {
                JsonNode props = s.properties(Docs.query("ProcessList", "Statistics", "Memory"), JsonNode.class);
                assertEquals("Container", props.get("SystemType").asText());
                JsonNode list = props.get("ProcessList");
                assertEquals(1, list.size());
                assertEquals(p.pid(), list.get(0).get("ProcessId").asInt());
                assertEquals("sleep", list.get(0).get("ImageName").asText());
                assertTrue(list.get(0).get("MemoryCommitBytes").asLong() > 0);
                assertTrue(props.get("Statistics").get("Memory").get("MemoryUsageCommitBytes").asLong() > 0);
                assertTrue(props.get("Statistics").has("Uptime100ns"));
                assertTrue(props.get("Memory").has("VirtualMachineMemory"));
                JsonNode stats = props.get("Statistics");
                assertTrue(stats.get("Memory").get("MemoryUsageCommitPeakBytes").asLong()
                        >= stats.get("Memory").get("MemoryUsageCommitBytes").asLong(), stats.toString());
                assertTrue(stats.get("Storage").get("ReadCountNormalized").asLong() > 0, "sleep read its binary: " + stats);
                p.terminate();
                p.waitExit(WAIT);
                assertEquals(0, s.properties(Docs.query("ProcessList"), JsonNode.class).get("ProcessList").size());
            }
            s.terminate();
        }
    }

    @ParameterizedTest
    @EnumSource(HcsGeneration.class)
    void aRunningContainersLimitsAreUpdatedAsHcsshimSendsThem(HcsGeneration g) throws Exception {
        ObjectNode doc = Docs.container();
        doc.with("Container").putObject("Memory").put("SizeInMB", 512);
        try (ComputeSystem s = service(g).createComputeSystem(Docs.id(), doc)) {
            s.start();
            long before = s.properties(Docs.query("Memory"), JsonNode.class)
                    .at("/Memory/VirtualMachineMemory/AvailableMemory").asLong();
            assertTrue(before > 256 && before <= 512, "available of 512 MB: " + before);
            s.modify("{\"ResourcePath\":\"Container/Memory/SizeInMB\",\"RequestType\":\"Update\",\"Settings\":128}");
            s.modify("{\"ResourcePath\":\"Container/Processor\",\"RequestType\":\"Update\",\"Settings\":{\"Maximum\":5000}}");
            long after = s.properties(Docs.query("Memory"), JsonNode.class)
                    .at("/Memory/VirtualMachineMemory/AvailableMemory").asLong();
            assertTrue(after <= 128, "the new limit shows: " + after);
            BadInputTest.fails(HcsErrorKind.INVALID_DATA, () -> s.modify(
                    "{\"ResourcePath\":\"Container/Memory/SizeInMB\",\"RequestType\":\"Update\",\"Settings\":0}"));
            BadInputTest.fails(HcsErrorKind.INVALID_DATA, () -> s.modify(
                    "{\"ResourcePath\":\"Container/Processor\",\"RequestType\":\"Update\",\"Settings\":{\"Maximum\":20000}}"));
            BadInputTest.fails(HcsErrorKind.INVALID_DATA, () -> s.modify(
                    "{\"ResourcePath\":\"Container/Storage\",\"RequestType\":\"Update\",\"Settings\":{}}"));
            s.terminate();
        }
    }

    @ParameterizedTest
    @EnumSource(HcsGeneration.class)
    void environmentWorkingDirectoryAndOpenProcess(HcsGeneration g, @TempDir Path dir) throws Exception {
        try (ComputeSystem s = service(g).createComputeSystem(Docs.id(), Docs.container())) {
            s.start();
            var params = Docs.process("sh", "-c", "echo $FOO; pwd; read x; exit 3").put("CreateStdInPipe", true)
                    .put("WorkingDirectory", dir.toString());
            params.putObject("Environment").put("FOO", "bar");
            try (HcsProcess p = s.createProcess(params); HcsProcess opened = s.openProcess(p.pid())) {
                assertNull(opened.stdout());
                CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.stdout()));
                p.stdin().write("go\n".getBytes(StandardCharsets.UTF_8));
                p.stdin().flush();
                assertEquals(3, opened.waitExit(WAIT));
                assertEquals(3, p.waitExit(WAIT));
                assertEquals("bar\n" + dir.toRealPath() + "\n",
                        new String(out.get(20, TimeUnit.SECONDS), StandardCharsets.UTF_8));
            }
            s.terminate();
        }
    }

    @ParameterizedTest
    @EnumSource(HcsGeneration.class)
    void theContainerStoragePathIsTheWorkingRoot(HcsGeneration g, @TempDir Path root) throws Exception {
        var doc = Docs.container();
        doc.withObject("/Container").putObject("Storage").put("Path", root.toString());
        try (ComputeSystem s = service(g).createComputeSystem(Docs.id(), doc)) {
            s.start();
            assertEquals(root.toRealPath() + "\n", run(s, "pwd").stdout);
            Files.createDirectory(root.resolve("sub"));
            var params = Docs.process("pwd").put("WorkingDirectory", "sub");
            try (HcsProcess p = s.createProcess(params)) {
                assertEquals(root.toRealPath().resolve("sub") + "\n",
                        new String(p.stdout().readAllBytes(), StandardCharsets.UTF_8));
            }
            java.util.UUID.fromString(s.properties(Docs.query(), JsonNode.class).get("RuntimeId").asText());
            s.terminate();
        }
    }

    @ParameterizedTest
    @EnumSource(HcsGeneration.class)
    void commandLineIsSplitLikeWindows(HcsGeneration g) throws Exception {
        try (ComputeSystem s = service(g).createComputeSystem(Docs.id(), Docs.container())) {
            s.start();
            var params = Docs.MAPPER.createObjectNode().put("CommandLine", "sh -c \"echo a  b\"")
                    .put("CreateStdOutPipe", true);
            try (HcsProcess p = s.createProcess(params)) {
                assertNull(p.stderr());
                assertEquals("a b\n", new String(p.stdout().readAllBytes(), StandardCharsets.UTF_8));
                assertEquals(0, p.waitExit(WAIT));
            }
            s.terminate();
        }
    }

    @ParameterizedTest
    @EnumSource(HcsGeneration.class)
    void terminateOnLastHandleClose(HcsGeneration g) throws Exception {
        HcsService hcs = service(g);
        var doc = Docs.container().put("ShouldTerminateOnLastHandleClosed", true);
        String id = Docs.id();
        HcsProcess p;
        try (ComputeSystem s = hcs.createComputeSystem(id, doc)) {
            s.start();
            p = s.createProcess(Docs.process("sleep", "30"));
        }
        try (p) {
            assertEquals(137, p.waitExit(WAIT), "closing the last handle terminated the system");
        }
    }

    @ParameterizedTest
    @EnumSource(HcsGeneration.class)
    void serviceProperties(HcsGeneration g) throws Exception {
        HcsService hcs = service(g);
        JsonNode props = hcs.serviceProperties(Docs.query("Basic"), JsonNode.class);
        JsonNode versions = props.get("Properties").get(0).get("SupportedSchemaVersions");
        assertEquals(2, versions.get(0).get("Major").asInt());
        hcs.modifyServiceSettings("{\"PropertyType\":\"CpuGroup\",\"Settings\":{}}");
        HcsException bad = assertThrows(HcsException.class, () -> hcs.modifyServiceSettings("{}"));
        assertEquals(io.hcs4j.hcs.HcsErrorKind.INVALID_DATA, bad.kind());
        assertFalse(bad.result().errorEvents().isEmpty());
        assertTrue(Arrays.asList("emulator/computecore", "emulator/vmcompute").contains(hcs.describe()));
    }
}
