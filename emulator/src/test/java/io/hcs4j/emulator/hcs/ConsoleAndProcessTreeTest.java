package io.hcs4j.emulator.hcs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.emulator.os.Sessions;
import io.hcs4j.hcs.ComputeSystem;
import io.hcs4j.hcs.HcsErrorKind;
import io.hcs4j.hcs.HcsException;
import io.hcs4j.hcs.HcsGeneration;
import io.hcs4j.hcs.HcsProcess;
import io.hcs4j.hcs.HcsService;
import io.hcs4j.platform.posix.Posix;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Consoles (EmulateConsole / ConsoleSize: a real pseudo-terminal, resizable through the facade), process trees ended
 * as a whole by terminate, and Windows paths mapped into the container's root.
 */
@Timeout(60)
class ConsoleAndProcessTreeTest {
    static final Duration WAIT = Duration.ofSeconds(20);
    static Emulator emulator;
    private List<String> descriptorsBefore;
    private List<Long> childrenBefore;

    /** The emulator, warmed up: what the JDK opens lazily (random sources, sockets) is open before any baseline. */
    @BeforeAll
    static void start() throws Exception {
        emulator = new Emulator(null);
        for (HcsGeneration g : HcsGeneration.values()) {
            try (ComputeSystem s = service(g).createComputeSystem(Docs.id(), Docs.container())) {
                s.start();
                run(s, console(24, 80, "true"));
                s.terminate();
            }
        }
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void baseline() {
        descriptorsBefore = ParallelLeakTest.descriptors();
        childrenBefore = ProcessHandle.current().children().map(ProcessHandle::pid).toList();
    }

    /** No result string, terminal, pipe or child process outlives a test (the console closes asynchronously). */
    @AfterEach
    void nothingLeaked() {
        assertEquals(0, emulator.heap().outstanding(), "result strings not freed");
        await().atMost(WAIT).untilAsserted(() -> {
            List<String> extra = new ArrayList<>(ParallelLeakTest.descriptors());
            descriptorsBefore.forEach(extra::remove);
            assertEquals(List.of(), extra, "descriptors");
            assertEquals(List.of(), ProcessHandle.current().children().map(ProcessHandle::pid)
                    .filter(pid -> !childrenBefore.contains(pid)).toList(), "child processes");
        });
    }

    static HcsService service(HcsGeneration g) {
        return HcsService.open(emulator.backend(), g);
    }

    /** ProcessParameters for a console process of {@code height} x {@code width} with stdin and stdout pipes. */
    static ObjectNode console(int height, int width, String... args) {
        ObjectNode p = Docs.process(args).put("CreateStdInPipe", true).put("EmulateConsole", true);
        p.putArray("ConsoleSize").add(height).add(width);
        return p;
    }

    /** Reads until {@code marker} has appeared (carriage returns dropped, as the terminal adds them). */
    static String readUntil(InputStream in, StringBuilder seen, String marker) throws IOException {
        int b;
        while (!seen.toString().replace("\r", "").contains(marker) && (b = in.read()) >= 0) {
            seen.append((char) b);
        }
        return seen.toString().replace("\r", "");
    }

    @ParameterizedTest
    @EnumSource(HcsGeneration.class)
    void aConsoleIsAPseudoTerminalOfTheRequestedSizeThatCanBeResized(HcsGeneration g) throws Exception {
        try (ComputeSystem s = service(g).createComputeSystem(Docs.id(), Docs.container())) {
            s.start();
            var params = console(30, 100, "sh", "-c",
                    "[ -t 0 ] && [ -t 1 ] && [ -t 2 ] && echo on-a-tty; tty; stty size; read line; echo \"got $line\" >&2;"
                            + " stty size; exit 5");
            try (HcsProcess p = s.createProcess(params)) {
                assertNull(p.stderr(), "a console merges stderr");
                assertNotNull(p.stdin());
                StringBuilder out = new StringBuilder();
                readUntil(p.stdout(), out, "30 100\n");
                p.resizeConsole(120, 50);
                p.stdin().write("go\n".getBytes(StandardCharsets.UTF_8));
                p.stdin().flush();
                out.append(new String(p.stdout().readAllBytes(), StandardCharsets.UTF_8));
                assertEquals(5, p.waitExit(WAIT));
                String text = out.toString().replace("\r", "");
                assertTrue(text.matches("on-a-tty\n/dev/pts/\\d+\n30 100\ngo\ngot go\n50 120\n"), text);
            }
            s.terminate();
        }
    }

    @ParameterizedTest
    @EnumSource(HcsGeneration.class)
    void consoleOutputIsDrainedWithoutAPipeAndTheExitCodeStays(HcsGeneration g) throws Exception {
        try (ComputeSystem s = service(g).createComputeSystem(Docs.id(), Docs.container())) {
            s.start();
            ObjectNode params = Docs.MAPPER.createObjectNode().put("EmulateConsole", true)
                    .put("CommandLine", "sh -c \"head -c 1000000 /dev/zero; exit 3\"");
            try (HcsProcess p = s.createProcess(params)) {
                assertNull(p.stdout());
                assertNull(p.stdin());
                assertEquals(3, p.waitExit(WAIT));
            }
            s.terminate();
        }
    }

    @ParameterizedTest
    @EnumSource(HcsGeneration.class)
    void resizeNeedsALiveConsoleAndASize(HcsGeneration g) throws Exception {
        try (ComputeSystem s = service(g).createComputeSystem(Docs.id(), Docs.container())) {
            s.start();
            try (HcsProcess plain = s.createProcess(Docs.process("sleep", "30"));
                 HcsProcess tty = s.createProcess(console(24, 80, "cat"))) {
                HcsException noConsole = assertThrows(HcsException.class, () -> plain.resizeConsole(80, 24));
                assertEquals(HcsErrorKind.INVALID_STATE, noConsole.kind());
                HcsException zero = assertThrows(HcsException.class, () -> tty.resizeConsole(0, 24));
                assertEquals(HcsErrorKind.INVALID_DATA, zero.kind());
                tty.terminate();
                assertEquals(137, tty.waitExit(WAIT));
                HcsException exited = assertThrows(HcsException.class, () -> tty.resizeConsole(80, 24));
                assertEquals(HcsErrorKind.PROCESS_ALREADY_STOPPED, exited.kind());
                plain.terminate();
                plain.waitExit(WAIT);
            }
            s.terminate();
        }
    }

    /** The pids a process printed, one a line, until it has printed {@code n}. */
    static List<Long> pids(InputStream in, int n) throws IOException {
        List<Long> pids = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int b;
        while (pids.size() < n && (b = in.read()) >= 0) {
            if (b == '\n') {
                pids.add(Long.parseLong(line.toString().trim()));
                line.setLength(0);
            } else {
                line.append((char) b);
            }
        }
        assertEquals(n, pids.size(), "pids printed");
        return pids;
    }

    static void assertGone(long pid) {
        assertTrue(Posix.awaitExit(pid, 0), "process " + pid + " still runs");
    }

    @ParameterizedTest
    @EnumSource(HcsGeneration.class)
    void terminatingAProcessEndsItsWholeTree(HcsGeneration g) throws Exception {
        try (ComputeSystem s = service(g).createComputeSystem(Docs.id(), Docs.container())) {
            s.start();
            try (HcsProcess p = s.createProcess(Docs.process("sh", "-c", "sleep 1000 & echo $!; sleep 1000"))) {
                long grandchild = pids(p.stdout(), 1).get(0);
                Set<Long> listed = processIds(s);
                assertTrue(listed.contains(grandchild) && listed.contains((long) p.pid()), listed.toString());
                p.terminate();
                assertEquals(137, p.waitExit(WAIT));
                assertTrue(Posix.awaitExit(grandchild, 10_000), "the background sleep ended");
                assertTrue(Sessions.awaitEmpty(p.pid(), false, 10_000), "the session ended: "
                        + Sessions.members(p.pid(), false));
                assertEquals(-1, p.stdout().read(), "stdout ends once nothing holds it");
            }
            s.terminate();
        }
    }

    @ParameterizedTest
    @EnumSource(HcsGeneration.class)
    void terminatingTheSystemEndsEveryProcessItStarted(HcsGeneration g) throws Exception {
        try (ComputeSystem s = service(g).createComputeSystem(Docs.id(), Docs.container())) {
            s.start();
            // A tree, a process that escaped into its own session (still a descendant), what an exited process left
            // behind, and a console process with a child.
            HcsProcess tree = s.createProcess(Docs.process("sh", "-c", "sleep 1000 & echo $!; sleep 1000"));
            HcsProcess escaped = s.createProcess(Docs.process("sh", "-c", "setsid sleep 1000 & echo $!; sleep 1000"));
            HcsProcess left = s.createProcess(Docs.process("sh", "-c", "sleep 1000 >/dev/null & echo $!"));
            HcsProcess tty = s.createProcess(console(24, 80, "sh", "-c", "sleep 1000 & echo $!; sleep 1000"));
            List<Long> pids = new ArrayList<>();
            for (HcsProcess p : List.of(tree, escaped, left, tty)) {
                pids.add((long) p.pid());
                pids.addAll(pids(p.stdout(), 1));
            }
            assertEquals(0, left.waitExit(WAIT));
            s.terminate();
            s.waitExit(WAIT);
            // Terminate returns once everything has ended.
            pids.forEach(ConsoleAndProcessTreeTest::assertGone);
            for (HcsProcess p : List.of(tree, escaped, left, tty)) {
                p.close();
            }
        }
    }

    static Set<Long> processIds(ComputeSystem s) throws HcsException {
        JsonNode list = s.properties(Docs.query("ProcessList"), JsonNode.class).get("ProcessList");
        return StreamSupport.stream(list.spliterator(), false).map(d -> d.get("ProcessId").asLong())
                .collect(java.util.stream.Collectors.toSet());
    }

    static ObjectNode containerAt(Path root) {
        ObjectNode doc = Docs.container();
        doc.withObject("/Container").putObject("Storage").put("Path", root.toString());
        return doc;
    }

    static String run(ComputeSystem s, ObjectNode params) throws Exception {
        try (HcsProcess p = s.createProcess(params)) {
            String out = new String(p.stdout().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitExit(WAIT), out);
            return out;
        }
    }

    @ParameterizedTest
    @EnumSource(HcsGeneration.class)
    void windowsPathsMapIntoTheContainerRoot(HcsGeneration g, @TempDir Path dir) throws Exception {
        Path root = dir.resolve("root");
        Files.createDirectories(root.resolve("app"));
        Path script = root.resolve("app/hello.sh");
        Files.writeString(script, "#!/bin/sh\necho \"hello $1 from $(pwd)\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(root.resolve("app/data.txt"), "not a program\n");
        Files.createSymbolicLink(root.resolve("outside"), dir);
        String top = root.toRealPath().toString();
        try (ComputeSystem s = service(g).createComputeSystem(Docs.id(), containerAt(root))) {
            s.start();
            assertEquals(top + "\n", run(s, Docs.process("pwd").put("WorkingDirectory", "C:\\")));
            assertEquals(top + "/app\n", run(s, Docs.process("pwd").put("WorkingDirectory", "C:\\app")));
            assertEquals(top + "/app\n", run(s, Docs.process("pwd").put("WorkingDirectory", "c:/app/")));
            assertEquals(top + "/app\n", run(s, Docs.process("pwd").put("WorkingDirectory", "\\app")));
            assertEquals(top + "/app\n", run(s, Docs.process("pwd").put("WorkingDirectory", "/app")));
            ObjectNode byCommandLine = Docs.MAPPER.createObjectNode().put("CommandLine", "C:\\app\\hello.sh world")
                    .put("WorkingDirectory", "C:\\").put("CreateStdOutPipe", true);
            assertEquals("hello world from " + top + "\n", run(s, byCommandLine));
            assertEquals("hello there from " + top + "/app\n",
                    run(s, Docs.process(".\\hello.sh", "there").put("WorkingDirectory", "C:\\app")));

            for (String escape : List.of("C:\\..", "C:\\app\\..\\..", "..\\..", "/../..", "C:\\outside")) {
                HcsException e = assertThrows(HcsException.class,
                        () -> s.createProcess(Docs.process("pwd").put("WorkingDirectory", escape)), escape);
                assertEquals(HcsErrorKind.INVALID_DATA, e.kind(), escape);
                assertEquals(0x80070057, e.hresult(), escape);
            }
            HcsException program = assertThrows(HcsException.class, () -> s.createProcess(Docs.MAPPER.createObjectNode()
                    .put("CommandLine", "C:\\..\\..\\bin\\sh -c true")));
            assertEquals(0x80070057, program.hresult());
            HcsException missing = assertThrows(HcsException.class, () -> s.createProcess(Docs.MAPPER.createObjectNode()
                    .put("CommandLine", "C:\\Windows\\System32\\cmd.exe /c dir")));
            assertEquals(0x80070002, missing.hresult());
            HcsException notExecutable = assertThrows(HcsException.class,
                    () -> s.createProcess(Docs.MAPPER.createObjectNode().put("CommandLine", "C:\\app\\data.txt")));
            assertEquals(HcsErrorKind.ACCESS_DENIED, notExecutable.kind());
            HcsException noDir = assertThrows(HcsException.class,
                    () -> s.createProcess(Docs.process("pwd").put("WorkingDirectory", "C:\\nowhere")));
            assertEquals(0x80070003, noDir.hresult());
            s.terminate();
        }
    }
}
