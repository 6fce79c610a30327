package io.hcs4j.shim.runtime.wcow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hcs4j.cow.Container;
import io.hcs4j.cow.Process;
import io.hcs4j.cow.SignalOptions;
import io.hcs4j.cow.hcs.ProcessDocuments;
import io.hcs4j.schema.Json;
import io.hcs4j.schema.guest.SignalValueWCOW;
import io.hcs4j.schema.oci.Box;
import io.hcs4j.schema.oci.Spec;
import io.hcs4j.schema.v2.ProcessParameters;
import io.hcs4j.shim.runtime.ContainerSpec;
import io.hcs4j.shim.runtime.EmulatedAgents;
import io.hcs4j.shim.runtime.PodVms;
import io.hcs4j.uvm.backend.HostBackend;
import io.hcs4j.uvm.transport.HvSocketDirs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hyper-V isolated Windows containers on the HCS emulator: each test boots an emulated Windows utility VM (the
 * Windows guest agent, its own process) through the backend; the guest runs the container on the VSMB-shared layers
 * with the HCS emulator's process-isolated machinery. Output, exit codes, console events, properties, pods and the
 * teardown are checked from the host's side.
 */
@Timeout(90)
class WcowHypervisorBackendTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path work;
    private HostBackend host;
    private WcowHypervisorBackend backend;
    private final List<Container> containers = new ArrayList<>();

    @BeforeEach
    void setUp() {
        host = HostBackend.select();
        backend = new WcowHypervisorBackend(() -> host, TIMEOUT, TIMEOUT);
    }

    @AfterEach
    void tearDown() throws IOException {
        for (Container c : containers) {
            c.close();
        }
    }

    /** An image: an app layer, a base layer with a utility VM image, a writable layer; a bundle running it. */
    private Path bundle(String id, String... args) throws IOException {
        Path layers = Files.createDirectories(work.resolve(id).resolve("layers"));
        Files.createDirectories(layers.resolve("app"));
        Files.writeString(layers.resolve("app/hello.sh"), "echo \"$GREETING\"\ncat etc/motd\nexit 3\n");
        Files.createDirectories(layers.resolve("base/etc"));
        Files.writeString(layers.resolve("base/etc/motd"), "base layer\n");
        Files.createDirectories(layers.resolve("base/UtilityVM/Files"));
        Files.writeString(layers.resolve("base/UtilityVM/SystemTemplate.vhdx"), "");
        Files.createDirectories(layers.resolve("scratch"));
        Path bundle = Files.createDirectories(work.resolve(id).resolve("bundle"));
        String argv = Json.write(List.of(args));
        Files.writeString(bundle.resolve("config.json"), """
                {"ociVersion":"1.1.0","process":{"args":%s,"env":["GREETING=hello from the VM"]},"root":{"path":""},
                 "windows":{"hyperv":{},"layerFolders":["%s","%s","%s"]}}
                """.formatted(argv, layers.resolve("app"), layers.resolve("base"), layers.resolve("scratch")));
        return bundle;
    }

    private Container create(String id, Path bundle, Map<String, String> annotations) throws IOException {
        Container c = backend.create(new ContainerSpec(id, bundle, List.of(), bundle.resolve("rootfs"), false,
                annotations));
        containers.add(c);
        return c;
    }

    private static ProcessParameters params(Path bundle, boolean stdin) throws IOException {
        Spec spec = Json.read(Files.readString(bundle.resolve("config.json")), Spec.class);
        return ProcessDocuments.of(spec.process, new ProcessDocuments.Stdio(stdin, true, true));
    }

    private static ProcessParameters exec(String... args) {
        io.hcs4j.schema.oci.Process p = new io.hcs4j.schema.oci.Process();
        p.args = List.of(args);
        return ProcessDocuments.of(p, new ProcessDocuments.Stdio(false, true, true));
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The ids of the emulator's running compute systems. */
    private List<String> systems() throws IOException {
        List<String> ids = new ArrayList<>();
        for (JsonNode n : host.hcs().enumerateComputeSystems(Json.mapper().createObjectNode(), JsonNode.class)) {
            ids.add(n.path("Id").asText());
        }
        return ids;
    }

    @Test
    void theInitProcessRunsOnTheSharedLayersInsideTheVm() throws Exception {
        String id = id("w");
        Path bundle = bundle(id, "sh", "hello.sh");
        Container c = create(id, bundle, Map.of());
        assertEquals("windows", c.os());
        assertFalse(c.isOci());
        assertTrue(systems().contains(id + "@vm"), "the task's utility VM runs: " + systems());
        assertFalse(systems().contains(id), "the container runs inside the VM, not on the host's HCS");
        c.start();
        Process init = c.createProcess(params(bundle, false));
        String out = new String(init.stdout().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals("hello from the VM\nbase layer\n", out);
        assertEquals(3, init.exit().get(10, TimeUnit.SECONDS));
        containers.remove(c);
        c.close();
        assertFalse(systems().contains(id + "@vm"), "closing the last container ends the VM");
        assertFalse(Files.exists(HvSocketDirs.forVm(id + "@vm")), "no socket or device directory is left");
        assertFalse(Files.exists(bundle.resolve("lcow-vm.properties")), "the VM's record is removed");
    }

    @Test
    void execsGetConsoleEventsKillsAndProcessLists() throws Exception {
        String id = id("e");
        Path bundle = bundle(id, "sleep", "600");
        Container c = create(id, bundle, Map.of());
        c.start();
        Process init = c.createProcess(params(bundle, false));
        Process exec = c.createProcess(exec("sh", "-c", "echo exec-out; exit 5"));
        assertEquals("exec-out\n", new String(exec.stdout().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(5, exec.exit().get(10, TimeUnit.SECONDS));
        assertTrue(c.properties(io.hcs4j.schema.v1.PropertyType.PROCESS_LIST).processList.stream()
                .anyMatch(p -> p.processId == init.pid()), "the process list shows the init process");
        Process sleeper = c.createProcess(exec("sleep", "600"));
        assertTrue(sleeper.signal(new SignalOptions.Windows(SignalValueWCOW.CTRL_C)));
        assertNotEquals(0, sleeper.exit().get(10, TimeUnit.SECONDS), "CtrlC ends sleep");
        assertFalse(sleeper.signal(new SignalOptions.Windows(SignalValueWCOW.CTRL_C)), "an exited process is gone");
        assertTrue(init.kill());
        init.exit().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aConsoleProcessGetsATerminalOfItsSizeThatResizes() throws Exception {
        String id = id("t");
        Path bundle = bundle(id, "sleep", "600");
        Container c = create(id, bundle, Map.of());
        c.start();
        c.createProcess(params(bundle, false));
        io.hcs4j.schema.oci.Process p = new io.hcs4j.schema.oci.Process();
        p.args = List.of("sh", "-c", "[ -t 1 ] && echo on-a-tty; stty size; read line; stty size; exit 2");
        p.terminal = true;
        p.consoleSize = new Box();
        p.consoleSize.height = 30;
        p.consoleSize.width = 100;
        Process tty = c.createProcess(ProcessDocuments.of(p, new ProcessDocuments.Stdio(true, true, false)));
        assertEquals(null, tty.stderr(), "a console merges stderr");
        StringBuilder out = new StringBuilder();
        while (!out.toString().contains("30 100")) {
            int b = tty.stdout().read();
            assertNotEquals(-1, b, "the console ended early: " + out);
            out.append((char) b);
        }
        tty.resizeConsole(120, 50);
        tty.stdin().write("go\n".getBytes(StandardCharsets.UTF_8));
        tty.stdin().flush();
        out.append(new String(tty.stdout().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(2, tty.exit().get(10, TimeUnit.SECONDS));
        String text = out.toString().replace("\r", "");
        assertTrue(text.matches("(?s)on-a-tty\n30 100\n.*50 120\n"), text);
    }

    @Test
    void aPodsContainersShareTheSandboxesVm() throws Exception {
        String sandbox = id("pod");
        Container pause = create(sandbox, bundle(sandbox, "sleep", "600"),
                Map.of(PodVms.CONTAINER_TYPE, "sandbox"));
        String member = id("m");
        Path memberBundle = bundle(member, "sh", "hello.sh");
        Container c = create(member, memberBundle, Map.of(PodVms.CONTAINER_TYPE, "container",
                PodVms.SANDBOX_ID, sandbox));
        assertEquals(1, systems().stream().filter(s -> s.endsWith("@vm") && (s.startsWith("pod-") || s.startsWith("m-"))
                && (s.equals(sandbox + "@vm") || s.equals(member + "@vm"))).count(), "one VM for the pod: " + systems());
        c.start();
        Process p = c.createProcess(params(memberBundle, false));
        assertEquals("hello from the VM\nbase layer\n", new String(p.stdout().readAllBytes(), StandardCharsets.UTF_8));
        assertThrows(UnsupportedOperationException.class, c::pause, "the VM is shared");
        containers.remove(c);
        c.close();
        assertTrue(systems().contains(sandbox + "@vm"), "the sandbox keeps the VM");
        containers.remove(pause);
        pause.close();
        assertFalse(systems().contains(sandbox + "@vm"));
    }

    @Test
    void aBaseLayerWithoutUtilityVmIsRefusedAndNothingBoots() throws Exception {
        String id = id("n");
        Path bundle = bundle(id, "sh", "hello.sh");
        Path uvm = work.resolve(id).resolve("layers/base/UtilityVM");
        Files.delete(uvm.resolve("SystemTemplate.vhdx"));
        Files.delete(uvm.resolve("Files"));
        Files.delete(uvm);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> create(id, bundle, Map.of()));
        assertTrue(e.getMessage().contains(work.resolve(id).resolve("layers/base").toString()), e.getMessage());
        assertFalse(systems().contains(id + "@vm"));
    }

    @Test
    void theGuestAgentKilledMidExecEndsTheProcessWithinASecond() throws Exception {
        String id = id("k");
        Path bundle = bundle(id, "sleep", "600");
        Container c = create(id, bundle, Map.of());
        c.start();
        Process init = c.createProcess(params(bundle, false));
        Process exec = c.createProcess(exec("sleep", "600"));
        ProcessHandle agent = ProcessHandle.of(EmulatedAgents.pidOf(id + "@vm")).orElseThrow();
        long t0 = System.nanoTime();
        agent.destroyForcibly();
        assertThrows(ExecutionException.class, () -> exec.exit().get(1, TimeUnit.SECONDS));
        assertThrows(ExecutionException.class, () -> init.exit().get(1, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(2));
        c.exit().handle((v, err) -> null).get(5, TimeUnit.SECONDS);
    }
}
