package io.hcs4j.shim.runtime.lcow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hcs4j.platform.Connection;
import io.hcs4j.schema.guest.MsgType;
import io.hcs4j.schema.guest.RPCProc;
import io.hcs4j.uvm.bridge.codec.Frame;
import io.hcs4j.uvm.bridge.codec.FrameCodec;
import io.hcs4j.uvm.transport.HvSocketListener;
import io.hcs4j.uvm.transport.HvSocketTransport;
import io.hcs4j.uvm.transport.VsockPorts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.cow.Container;
import io.hcs4j.cow.Process;
import io.hcs4j.cow.SignalOptions;
import io.hcs4j.hcs.ComputeSystem;
import io.hcs4j.schema.Json;
import io.hcs4j.hcs.raw.HResults;
import io.hcs4j.schema.guest.GuestProcessParameters;
import io.hcs4j.schema.guest.Metrics;
import io.hcs4j.schema.oci.Box;
import io.hcs4j.schema.oci.User;
import io.hcs4j.schema.v2.PropertyQuery;
import io.hcs4j.schema.v2.PropertyType;
import io.hcs4j.uvm.bridge.GcsException;
import io.hcs4j.shim.runtime.ContainerSpec;
import io.hcs4j.shim.runtime.EmulatedAgents;
import io.hcs4j.shim.runtime.SpecException;
import io.hcs4j.shim.runtime.PodVms;
import io.hcs4j.uvm.VmHosted;
import io.hcs4j.shim.runtime.VmRecord;
import io.hcs4j.uvm.backend.HostBackend;
import io.hcs4j.uvm.bridge.BridgeClosedException;
import io.hcs4j.uvm.transport.HvSocketDirs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The LCOW backend on the HCS emulator: each test boots an emulated utility VM (a guest agent process) through
 * the backend, runs containers from a busybox-static rootfs in it, and checks that closing leaves nothing behind.
 */
@Timeout(90)
class LcowBackendTest {
    private static final List<String> APPLETS = List.of("sh", "echo", "cat", "sleep", "true", "stty", "tty", "ls");
    private static final List<String> ENV = List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path work;
    private HostBackend host;
    private LcowBackend backend;
    private Set<Thread> threadsBefore;
    private final List<Container> containers = new ArrayList<>();

    @BeforeEach
    void setUp() {
        host = HostBackend.select();
        backend = new LcowBackend(host, TIMEOUT, TIMEOUT);
        threadsBefore = new HashSet<>(Thread.getAllStackTraces().keySet());
    }

    @AfterEach
    void tearDown() throws IOException {
        for (Container c : containers) {
            c.close();
        }
    }

    // ---- fixtures

    /** A rootfs directory holding busybox-static and the applets the tests use. */
    static Path busyboxRootfs(Path dir) throws IOException {
        Path busybox = Path.of("/bin/busybox");
        if (!Files.isExecutable(busybox)) {
            throw new IllegalStateException("busybox-static is not installed (/bin/busybox is missing): "
                    + "apt-get install -y busybox-static (.ci/run/e2e installs it)");
        }
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.copy(busybox, bin.resolve("busybox"));
        for (String applet : APPLETS) {
            Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
        }
        Files.createDirectories(dir.resolve("tmp"));
        return dir;
    }

    /** A bundle whose config.json runs {@code args} as the init process. */
    private Path bundle(String id, boolean terminal, String... args) throws IOException {
        Path bundle = Files.createDirectories(work.resolve("bundles").resolve(id));
        ObjectNode spec = Json.mapper().createObjectNode().put("ociVersion", "1.1.0");
        ObjectNode process = spec.putObject("process").put("terminal", terminal).put("cwd", "/");
        ArrayNode a = process.putArray("args");
        List.of(args).forEach(a::add);
        ArrayNode env = process.putArray("env");
        ENV.forEach(env::add);
        spec.putObject("root").put("path", "rootfs");
        spec.putObject("linux");
        Files.writeString(bundle.resolve("config.json"), Json.write(spec));
        return bundle;
    }

    private Container create(String id, Path bundle, List<ContainerSpec.Layer> layers,
                                    Map<String, String> annotations) throws IOException {
        Container c = backend.create(new ContainerSpec(id, bundle, layers, bundle.resolve("rootfs"), false,
                annotations));
        containers.add(c);
        return c;
    }

    /** A standalone container whose rootfs is the spec's root directory (ctr run --config: no mounts). */
    private Container standalone(String id, String... initArgs) throws IOException {
        Path bundle = bundle(id, false, initArgs);
        busyboxRootfs(bundle.resolve("rootfs"));
        return create(id, bundle, List.of(), Map.of());
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Starts the container and its init process (the spec's process), with the stdio asked for. */
    private static Process init(Container c, boolean stdin, boolean stdout, boolean stderr) throws IOException {
        c.start();
        return c.createProcess(parameters(null, stdin, stdout, stderr));
    }

    /** An exec of {@code args}. */
    private static GuestProcessParameters stdio(boolean stdin, boolean stdout, boolean stderr, String... args) {
        return parameters(oci(args), stdin, stdout, stderr);
    }

    /** An exec of {@code args} on a terminal of {@code width} x {@code height}. */
    private static GuestProcessParameters tty(boolean stdin, int width, int height, String... args) {
        io.hcs4j.schema.oci.Process p = oci(args);
        p.terminal = true;
        p.consoleSize = new Box();
        p.consoleSize.width = width;
        p.consoleSize.height = height;
        GuestProcessParameters g = parameters(p, stdin, true, false);
        g.emulateConsole = true;
        return g;
    }

    private static io.hcs4j.schema.oci.Process oci(String... args) {
        io.hcs4j.schema.oci.Process p = new io.hcs4j.schema.oci.Process();
        p.args = List.of(args);
        p.env = ENV;
        p.cwd = "/";
        p.user = new User();
        return p;
    }

    private static GuestProcessParameters parameters(io.hcs4j.schema.oci.Process oci, boolean stdin, boolean stdout,
                                                     boolean stderr) {
        GuestProcessParameters g = new GuestProcessParameters();
        g.ociProcess = oci;
        g.createStdInPipe = stdin;
        g.createStdOutPipe = stdout;
        g.createStdErrPipe = stderr;
        return g;
    }

    private static CompletableFuture<String> readAsync(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static int exit(Process p) throws Exception {
        return p.exit().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** A VM as the tests see it: its id from the bundle's record, the emulator's guest agent and socket directory. */
    private record Vm(String vmId, long agentPid, String socketDir) {
    }

    private static Vm record(Path bundle) throws IOException {
        VmRecord r = VmRecord.read(bundle).orElseThrow(() -> new AssertionError("no VM record in " + bundle));
        String dir = HvSocketDirs.forVm(r.vmId()).toString();
        return new Vm(r.vmId(), EmulatedAgents.pidOf(r.vmId()), dir);
    }

    /**
     * After close: no agent process (or, one from the pool of ready agents, back in the pool running nothing but its
     * JVM), no socket directory, no record, no mount under the bundle, no bridge thread.
     */
    private void assertNothingLeft(Path bundle, Vm vm) throws Exception {
        if (vm.agentPid() > 0 && EmulatedAgents.backInPool(vm.agentPid())) {
            ProcessHandle agent = ProcessHandle.of(vm.agentPid()).orElseThrow();
            assertEquals(List.of(), agent.descendants().map(h -> h.info().command().orElse("?"))
                    .filter(c -> !c.endsWith("java")).toList(), "processes left running by a recycled agent");
        } else if (vm.agentPid() > 0) {
            ProcessHandle.of(vm.agentPid()).ifPresent(h -> h.onExit().orTimeout(10, TimeUnit.SECONDS).join());
            assertFalse(ProcessHandle.of(vm.agentPid()).map(ProcessHandle::isAlive).orElse(false), "guest agent still running");
        }
        assertFalse(Files.exists(Path.of(vm.socketDir())), "socket directory " + vm.socketDir() + " left behind");
        assertFalse(Files.exists(bundle.resolve(VmRecord.FILE)), "VM record left behind");
        try (Stream<String> mounts = Files.lines(Path.of("/proc/self/mountinfo"))) {
            String prefix = bundle.toString();
            assertEquals(List.of(), mounts.map(l -> l.split(" ")[4]).filter(m -> m.startsWith(prefix)).toList());
        }
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!threadsBefore.contains(t) && t.getName().contains("gcs")) {
                t.join(10_000);
                assertFalse(t.isAlive(), "thread " + t.getName() + " left running");
            }
        }
    }

    // ---- tests

    @Test
    void initProcessOutputAndExitCode() throws Exception {
        String id = id("init");
        Container c = standalone(id, "sh", "-c", "echo out; echo err >&2; exit 7");
        Path bundle = work.resolve("bundles").resolve(id);
        Vm vm = record(bundle);
        assertEquals(id + "@vm", vm.vmId());
        assertTrue(vm.agentPid() > 0, "the emulator's guest agent runs");
        assertEquals("linux", c.os());
        Process init = init(c, false, true, true);
        CompletableFuture<String> err = readAsync(init.stderr());
        assertEquals("out\n", new String(init.stdout().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals("err\n", err.get(30, TimeUnit.SECONDS));
        assertEquals(7, exit(init));
        init.close();
        c.close();
        assertGuestHoldsNothing(bundle);
        assertNothingLeft(bundle, vm);
    }

    @Test
    void overlayMountsBecomeLayersAndWritesGoToTheSnapshot() throws Exception {
        String id = id("overlay");
        Path bundle = bundle(id, false, "sh", "-c", "cat /etc/msg; echo written > /tmp/new; cat /tmp/new");
        Path base = busyboxRootfs(work.resolve("layers/base"));
        Path top = Files.createDirectories(work.resolve("layers/top/etc"));
        Files.writeString(top.resolve("msg"), "from the top layer\n");
        Path snapshot = work.resolve("snapshots/1");
        Files.createDirectories(snapshot.resolve("fs"));
        Files.createDirectories(snapshot.resolve("work"));
        ContainerSpec.Layer overlay = new ContainerSpec.Layer("overlay", "overlay", List.of(
                "workdir=" + snapshot.resolve("work"), "upperdir=" + snapshot.resolve("fs"),
                "lowerdir=" + work.resolve("layers/top") + ":" + base));
        Container c = create(id, bundle, List.of(overlay), Map.of());
        Vm vm = record(bundle);
        Process init = init(c, false, true, false);
        assertEquals("from the top layer\nwritten\n", new String(init.stdout().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(0, exit(init));
        c.close();
        assertFalse(Files.exists(base.resolve("tmp/new")), "a read-only layer was written");
        assertEquals("written\n", Files.readString(snapshot.resolve("fs/tmp/new")), "writes land in the upperdir");
        try (Stream<Path> entries = Files.list(snapshot)) {
            assertEquals(List.of("fs", "work"), entries.map(p -> p.getFileName().toString()).sorted().toList(),
                    "the snapshot keeps its own layout");
        }
        assertGuestHoldsNothing(bundle);
        assertNothingLeft(bundle, vm);
    }

    /** containerd's overlay rootfs mount of a snapshot: the busybox layer below, fs and work of the snapshot. */
    private ContainerSpec.Layer overlayOf(Path snapshot) throws IOException {
        Path base = work.resolve("layers/base");
        if (!Files.exists(base)) {
            busyboxRootfs(base);
        }
        Files.createDirectories(snapshot.resolve("fs"));
        Files.createDirectories(snapshot.resolve("work"));
        return new ContainerSpec.Layer("overlay", "overlay", List.of("workdir=" + snapshot.resolve("work"),
                "upperdir=" + snapshot.resolve("fs"), "lowerdir=" + base));
    }

    @Test
    void whatAContainerWroteOutlivesItsTaskAndTheNextTaskOfTheContainerSeesIt() throws Exception {
        String id = id("persist");
        Path snapshot = work.resolve("snapshots/persist");
        String script = "if [ -f /kept ]; then cat /kept; fi; echo run >> /kept";
        for (String expected : List.of("", "run\n")) {
            // containerd makes a new bundle for each task of a container, over the same snapshot.
            Path bundle = work.resolve("bundles").resolve(id);
            Files.createDirectories(bundle);
            bundle(id, false, "sh", "-c", script);
            Container c = create(id, bundle, List.of(overlayOf(snapshot)), Map.of());
            Vm vm = record(bundle);
            Process init = init(c, false, true, false);
            assertEquals(expected, new String(init.stdout().readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(0, exit(init));
            c.close();
            assertGuestHoldsNothing(bundle);
            assertNothingLeft(bundle, vm);
            deleteTree(bundle);
        }
        assertEquals("run\nrun\n", Files.readString(snapshot.resolve("fs/kept")));
    }

    // ---- the order of a container's life on the bridge, against the reference transcripts

    /** The GCS bridge's frames from the host, as the guest reads them. */
    static final class RecordedBridge {
        final ByteArrayOutputStream sent = new ByteArrayOutputStream();

        /** The host's backend, its VMs' GCS connections recorded. */
        HostBackend around(HostBackend host) {
            UUID gcs = VsockPorts.serviceId(VsockPorts.GCS_PORT);
            HvSocketTransport.Factory transports = (vmId, runtimeId) -> serviceId -> {
                HvSocketListener listener = host.transports().forVm(vmId, runtimeId).listen(serviceId);
                return serviceId.equals(gcs) ? recording(listener) : listener;
            };
            return new HostBackend(host.hcs(), host.storage(), transports, host.guestSeesHostFiles());
        }

        private HvSocketListener recording(HvSocketListener listener) {
            return new HvSocketListener() {
                @Override
                public UUID serviceId() {
                    return listener.serviceId();
                }

                @Override
                public Connection accept(Duration timeout) throws IOException {
                    Connection c = listener.accept(timeout);
                    OutputStream tee = new OutputStream() {
                        @Override
                        public void write(int b) throws IOException {
                            write(new byte[] {(byte) b}, 0, 1);
                        }

                        @Override
                        public void write(byte[] b, int off, int len) throws IOException {
                            synchronized (sent) {
                                c.output().write(b, off, len);
                                sent.write(b, off, len);
                            }
                        }

                        @Override
                        public void flush() throws IOException {
                            c.output().flush();
                        }
                    };
                    return new Connection() {
                        @Override
                        public InputStream input() {
                            return c.input();
                        }

                        @Override
                        public OutputStream output() {
                            return tee;
                        }

                        @Override
                        public void shutdownOutput() throws IOException {
                            c.shutdownOutput();
                        }

                        @Override
                        public void close() {
                            c.close();
                        }
                    };
                }

                @Override
                public void close() throws IOException {
                    listener.close();
                }
            };
        }

        /** The VM is closed: its socket directory, which a wrapped transport hides from the VM, goes too. */
        void closed(Vm vm) throws IOException {
            Files.deleteIfExists(Path.of(vm.socketDir()));
        }

        /** The container's steps among the host's requests. */
        List<String> steps(String containerId, String rootPath) throws IOException {
            List<String> steps = new ArrayList<>();
            for (Frame f : requests()) {
                step(f.type(), Json.mapper().readTree(f.body()), containerId, rootPath).ifPresent(steps::add);
            }
            return steps;
        }

        /** Every frame the host sent, in order. */
        List<Frame> requests() throws IOException {
            byte[] bytes;
            synchronized (sent) {
                bytes = sent.toByteArray();
            }
            List<Frame> frames = new ArrayList<>();
            InputStream in = new ByteArrayInputStream(bytes);
            while (in.available() > 0) {
                frames.add(FrameCodec.read(in));
            }
            return frames;
        }
    }

    /** The steps of a container in a recorded transcript (shared/vectors/gcs). */
    private static List<String> transcriptSteps(String scenario, String containerId) throws IOException {
        Path file = Path.of(System.getProperty("hcs4j.shared.dir", "../../shared"), "vectors", "gcs",
                scenario + ".bridge.jsonl");
        List<String> steps = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            JsonNode n = Json.mapper().readTree(line);
            if (n.path("dir").asText().equals("host->guest")) {
                int type = Integer.parseUnsignedInt(n.get("type").asText().substring(2), 16);
                step(type, n.get("body"), containerId, "/run/gcs/c/" + containerId + "/rootfs").ifPresent(steps::add);
            }
        }
        return steps;
    }

    /**
     * A request that makes or unmakes a container: its combined layers, Create, Start, ExecuteProcess and
     * DeleteContainerState. How the host waits for and stops processes is the scenario's, not the container's.
     */
    private static Optional<String> step(int type, JsonNode body, String containerId, String rootPath) {
        int proc = MsgType.proc(type);
        if (proc == RPCProc.RPC_MODIFY_SETTINGS && body.path("Request").path("ResourceType").asText().equals("CombinedLayers")) {
            JsonNode settings = body.path("Request").path("Settings");
            boolean ours = settings.path("ContainerRootPath").asText().equals(rootPath);
            return ours ? Optional.of(body.path("Request").path("RequestType").asText() + " CombinedLayers") : Optional.empty();
        }
        if (!body.path("ContainerId").asText().equals(containerId)) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (proc) {
            case RPCProc.RPC_CREATE -> "Create";
            case RPCProc.RPC_START -> "Start";
            case RPCProc.RPC_EXECUTE_PROCESS -> "ExecuteProcess";
            case RPCProc.RPC_DELETE_CONTAINER_STATE -> "DeleteContainerState";
            default -> null;
        });
    }

    @Test
    void aContainersLifeTakesTheStepsOfTheLifecycleTranscriptInItsOrder() throws Exception {
        RecordedBridge bridge = new RecordedBridge();
        backend = new LcowBackend(bridge.around(host), TIMEOUT, TIMEOUT);
        String id = id("life");
        Container c = standalone(id, "sh", "-c", "echo hello; echo err >&2; exit 3");
        Process init = init(c, false, true, true);
        CompletableFuture<String> err = readAsync(init.stderr());
        assertEquals("hello\n", new String(init.stdout().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals("err\n", err.get(30, TimeUnit.SECONDS));
        assertEquals(3, exit(init));
        Vm vm = record(work.resolve("bundles").resolve(id));
        c.close();
        bridge.closed(vm);
        assertNothingLeft(work.resolve("bundles").resolve(id), vm);
        List<String> expected = transcriptSteps("lifecycle", "c-init-exit");
        assertEquals(List.of("Add CombinedLayers", "Create", "Start", "ExecuteProcess", "Remove CombinedLayers",
                "DeleteContainerState"), expected);
        Path root = work.resolve("bundles").resolve(id).resolve("lcow/rootfs");
        assertEquals(expected, bridge.steps(id, root.toString()));
    }

    @Test
    void aContainerWithExecsTakesTheStepsOfTheStdioCloseTranscriptInItsOrder() throws Exception {
        RecordedBridge bridge = new RecordedBridge();
        backend = new LcowBackend(bridge.around(host), TIMEOUT, TIMEOUT);
        String id = id("execs");
        Container c = standalone(id, "sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1; done");
        Process init = init(c, false, false, false);
        Process echo = c.createProcess(stdio(false, true, false, "echo", "hi"));
        assertEquals("hi\n", new String(echo.stdout().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(0, exit(echo));
        Process sleep = c.createProcess(stdio(false, false, false, "sleep", "1000"));
        assertTrue(sleep.kill());
        assertEquals(137, exit(sleep));
        c.shutdown();
        exit(init);
        Vm vm = record(work.resolve("bundles").resolve(id));
        c.close();
        bridge.closed(vm);
        assertNothingLeft(work.resolve("bundles").resolve(id), vm);
        List<String> expected = transcriptSteps("stdio-close", "c-stdio");
        assertEquals(List.of("Add CombinedLayers", "Create", "Start", "ExecuteProcess", "ExecuteProcess",
                "ExecuteProcess", "Remove CombinedLayers", "DeleteContainerState"), expected);
        Path root = work.resolve("bundles").resolve(id).resolve("lcow/rootfs");
        assertEquals(expected, bridge.steps(id, root.toString()));
    }

    // ---- teardown errors

    @Test
    void whatTheGuestCannotRemoveIsCloseErrorAndTheRestIsStillTornDown() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/chattr")) && "root".equals(System.getProperty("user.name")),
                "needs root and chattr to make a file the guest cannot remove");
        String id = id("stuck");
        Container c = standalone(id, "true");
        Path bundle = work.resolve("bundles").resolve(id);
        Vm vm = record(bundle);
        Process init = init(c, false, false, false);
        assertEquals(0, exit(init));
        // Something in the container's guest directory that nobody, not even root, can remove.
        Path stuck = bundle.resolve("lcow/stuck");
        Files.writeString(stuck, "immutable");
        Assumptions.assumeTrue(new ProcessBuilder("chattr", "+i", stuck.toString()).start().waitFor() == 0,
                "the file system takes the immutable attribute");
        try {
            IOException e = assertThrows(IOException.class, c::close);
            assertTrue(e.getMessage().contains("container " + id + ": delete the guest's state: "), e.getMessage());
            assertInstanceOf(GcsException.class, e.getCause());
            assertEquals(HResults.E_FAIL, ((GcsException) e.getCause()).result());
            assertTrue(e.getMessage().contains(stuck.toString()), e.getMessage());
        } finally {
            new ProcessBuilder("chattr", "-i", stuck.toString()).start().waitFor();
        }
        // The layers were removed first, and the VM left all the same.
        assertFalse(Files.exists(bundle.resolve("lcow/rootfs")), "the combined rootfs is removed");
        assertNothingLeft(bundle, vm);
    }

    /** What containerd does with a task's bundle after Delete. */
    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The container's directory in the guest (its /run/gcs/c/<id>) is gone with its state. */
    private static void assertGuestHoldsNothing(Path bundle) {
        assertFalse(Files.exists(bundle.resolve("lcow"), LinkOption.NOFOLLOW_LINKS),
                "the guest still holds " + bundle.resolve("lcow"));
    }

    @Test
    void execWithStdinThroughCatAndTerminal() throws Exception {
        String id = id("exec");
        Container c = standalone(id, "sleep", "1000");
        Process init = init(c, false, false, false);
        Process cat = c.createProcess(stdio(true, true, true, "cat"));
        assertNotEquals(init.pid(), cat.pid());
        CompletableFuture<String> out = readAsync(cat.stdout());
        // The guest releases the exit code once both output streams are read to the end (and so closed).
        CompletableFuture<String> err = readAsync(cat.stderr());
        cat.stdin().write("through the guest\n".getBytes(StandardCharsets.UTF_8));
        cat.closeStdin();
        assertEquals("through the guest\n", out.get(30, TimeUnit.SECONDS));
        assertEquals("", err.get(30, TimeUnit.SECONDS));
        assertEquals(0, exit(cat));
        cat.close();

        Process tty = c.createProcess(tty(false, 100, 30, "sh", "-c", "[ -t 1 ] && echo on a terminal; stty size"));
        assertEquals(null, tty.stderr(), "a terminal merges stderr");
        String screen = new String(tty.stdout().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(screen.contains("on a terminal\r\n"), screen);
        assertTrue(screen.contains("30 100"), screen);
        assertEquals(0, exit(tty));

        Process resized = c.createProcess(tty(true, 80, 24, "sh", "-c", "read x; stty size"));
        CompletableFuture<String> resizedOut = readAsync(resized.stdout());
        resized.resizeConsole(132, 43);
        resized.stdin().write("go\n".getBytes(StandardCharsets.UTF_8));
        resized.stdin().flush();
        assertTrue(resizedOut.get(30, TimeUnit.SECONDS).contains("43 132"), "resized console");
        assertEquals(0, exit(resized));

        init.signal(SignalOptions.linux(9));
        assertEquals(137, exit(init));
    }

    @Test
    void signalsGiveTheGuestsExitCodes() throws Exception {
        Container c = standalone(id("signals"), "sleep", "1000");
        Process init = init(c, false, false, false);
        Process term = c.createProcess(stdio(false, false, false, "sleep", "1000"));
        Process kill = c.createProcess(stdio(false, false, false, "sleep", "1000"));
        assertTrue(term.signal(SignalOptions.linux(15)));
        assertEquals(143, exit(term));
        assertTrue(kill.signal(SignalOptions.linux(9)));
        assertEquals(137, exit(kill));
        assertFalse(kill.signal(SignalOptions.linux(9)), "an exited process is not signalled");
        assertEquals("not a Linux signal number: 99",
                assertThrows(IllegalArgumentException.class, () -> term.signal(SignalOptions.linux(99))).getMessage());
        assertTrue(init.signal(SignalOptions.linux(15)));
        if (io.hcs4j.platform.posix.Posix.isRoot()) {
            // As root the guest runs the init as PID 1 of its own PID namespace, as runc does: sleep has no
            // SIGTERM handler, so SIGTERM does nothing and only SIGKILL ends it.
            assertThrows(java.util.concurrent.TimeoutException.class, () -> init.exit().get(1, TimeUnit.SECONDS));
            assertTrue(init.signal(SignalOptions.linux(9)));
            assertEquals(137, exit(init));
        } else {
            assertEquals(143, exit(init));
        }
    }

    @Test
    void processesStatsPauseAndResume() throws Exception {
        String id = id("props");
        Container c = standalone(id, "sleep", "1000");
        Process init = init(c, false, false, false);
        Process exec = c.createProcess(stdio(false, false, false, "sleep", "1000"));
        Set<Integer> pids = c.properties(io.hcs4j.schema.v1.PropertyType.PROCESS_LIST).processList.stream()
                .map(p -> (int) p.processId).collect(Collectors.toSet());
        assertTrue(pids.containsAll(Set.of(init.pid(), exec.pid())), pids + " has init " + init.pid() + " and exec " + exec.pid());
        Metrics stats = c.propertiesV2(PropertyType.STATISTICS).metrics;
        assertTrue(stats.pids.current >= 2, Json.write(stats));
        long memory = stats.memory.usage != null && stats.memory.usage.usage > 0 ? stats.memory.usage.usage
                : Math.max(stats.memory.totalRss, stats.memory.rss);
        assertTrue(memory > 0, Json.write(stats));

        c.pause();
        assertEquals("Paused", vmState(id));
        c.resume();
        assertEquals("Running", vmState(id));
        assertTrue(exec.signal(SignalOptions.linux(9)));
        assertEquals(137, exit(exec));
        // The emulated guest applies resources to the container's cgroup when it runs as root with writable
        // cgroups (as CI does); without them it answers E_NOTIMPL with the reason.
        try {
            c.modify(Json.mapper().readTree("{\"memory\":{\"limit\":67108864}}"));
        } catch (GcsException e) {
            assertEquals(HResults.E_NOTIMPL, e.result(), e.getMessage());
            assertTrue(e.getMessage().contains("cgroups"), e.getMessage());
            assertNotEquals("root", System.getProperty("user.name"), "as root the guest has cgroups: " + e.getMessage());
        }
        init.signal(SignalOptions.linux(9));
        assertEquals(137, exit(init));
    }

    private String vmState(String taskId) throws Exception {
        try (ComputeSystem vm = host.hcs().openComputeSystem(taskId + "@vm")) {
            return vm.properties(new PropertyQuery()).state;
        }
    }

    @Test
    void aPodSharesTheSandboxVm() throws Exception {
        String pod = id("pod");
        Path sandboxBundle = bundle(pod, false, "sleep", "1000");
        busyboxRootfs(sandboxBundle.resolve("rootfs"));
        Container sandbox = create(pod, sandboxBundle, List.of(), Map.of(PodVms.CONTAINER_TYPE, "sandbox"));
        Vm vm = record(sandboxBundle);
        String app = id("app");
        Path appBundle = bundle(app, false, "sh", "-c", "echo in the pod");
        busyboxRootfs(appBundle.resolve("rootfs"));
        Container container = create(app, appBundle, List.of(),
                Map.of(PodVms.CONTAINER_TYPE, "container", PodVms.SANDBOX_ID, pod));
        assertFalse(Files.exists(appBundle.resolve(VmRecord.FILE)), "no VM of its own");
        Process pause = init(sandbox, false, false, false);
        Process echo = init(container, false, true, false);
        assertEquals("in the pod\n", new String(echo.stdout().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(0, exit(echo));
        // The VM's statistics are the sandbox's to report (it owns the VM), as hcsshim reports a task's host.
        assertTrue(((VmHosted) sandbox).ownsUtilityVm());
        assertFalse(((VmHosted) container).ownsUtilityVm(), "a pod's container shares the VM");
        io.hcs4j.schema.v2.Properties vmProps = ((VmHosted) sandbox).utilityVm().properties(
                PropertyType.STATISTICS, PropertyType.MEMORY);
        assertTrue(vmProps.statistics.processor.totalRuntime100ns > 0, Json.write(vmProps));
        assertTrue(vmProps.memory.virtualMachineMemory.assignedMemory > 0, Json.write(vmProps));
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, sandbox::pause);
        assertTrue(e.getMessage().contains("also hosts 1 other container"), e.getMessage());

        IOException orphan = assertThrows(IOException.class, () -> create(id("orphan"), appBundle, List.of(),
                Map.of(PodVms.CONTAINER_TYPE, "container", PodVms.SANDBOX_ID, "no-such-sandbox")));
        assertTrue(orphan.getMessage().contains("no-such-sandbox"), orphan.getMessage());

        container.close();
        assertTrue(ProcessHandle.of(vm.agentPid()).map(ProcessHandle::isAlive).orElse(false), "the sandbox keeps the VM");
        assertGuestHoldsNothing(appBundle);
        pause.signal(SignalOptions.linux(9));
        assertEquals(137, exit(pause));
        sandbox.close();
        assertNothingLeft(sandboxBundle, vm);
    }

    @Test
    void aPodsContainersShareOneNetworkNamespaceAddedBeforeCreateAndRemovedAtTheEnd() throws Exception {
        RecordedBridge bridge = new RecordedBridge();
        backend = new LcowBackend(bridge.around(host), TIMEOUT, TIMEOUT);
        String pod = id("netpod");
        Path sandboxBundle = bundle(pod, false, "sleep", "1000");
        busyboxRootfs(sandboxBundle.resolve("rootfs"));
        Container sandbox = create(pod, sandboxBundle, List.of(), Map.of(PodVms.CONTAINER_TYPE, "sandbox"));
        Vm vm = record(sandboxBundle);
        List<String> apps = List.of(id("app"), id("app"));
        List<Container> appContainers = new ArrayList<>();
        for (String app : apps) {
            Path appBundle = bundle(app, false, "sleep", "1000");
            busyboxRootfs(appBundle.resolve("rootfs"));
            appContainers.add(create(app, appBundle, List.of(),
                    Map.of(PodVms.CONTAINER_TYPE, "container", PodVms.SANDBOX_ID, pod)));
        }
        for (Container c : appContainers) {
            c.close();
        }
        sandbox.close();
        bridge.closed(vm);
        List<String> events = new ArrayList<>();
        for (Frame f : bridge.requests()) {
            JsonNode body = Json.mapper().readTree(f.body());
            int proc = MsgType.proc(f.type());
            JsonNode request = body.path("Request");
            if (proc == RPCProc.RPC_MODIFY_SETTINGS && request.path("ResourceType").asText().equals("NetworkNamespace")) {
                events.add(request.path("RequestType").asText() + " " + request.path("Settings").path("ID").asText());
            } else if (proc == RPCProc.RPC_CREATE) {
                JsonNode config = body.path("ContainerConfig");
                JsonNode spec = (config.isTextual() ? Json.mapper().readTree(config.asText()) : config)
                        .path("OciSpecification");
                events.add("Create " + spec.path("windows").path("network").path("networkNamespace").asText());
            }
        }
        assertEquals(5, events.size(), events.toString());
        String namespace = events.get(0).substring("Add ".length());
        assertFalse(namespace.isEmpty(), events.toString());
        assertEquals(List.of("Add " + namespace, "Create " + namespace, "Create " + namespace, "Create " + namespace,
                "Remove " + namespace), events);
    }

    @Test
    void aGuestAgentCrashEndsEveryProcessPromptly() throws Exception {
        String id = id("crash");
        Container c = standalone(id, "sleep", "1000");
        Path bundle = work.resolve("bundles").resolve(id);
        Vm vm = record(bundle);
        Process init = init(c, false, true, true);
        Process exec = c.createProcess(stdio(true, true, true, "cat"));
        ProcessHandle.of(vm.agentPid()).orElseThrow().destroyForcibly();
        for (Process p : List.of(init, exec)) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> p.exit().get(5, TimeUnit.SECONDS));
            assertInstanceOf(BridgeClosedException.class, e.getCause());
        }
        assertThrows(IOException.class, () -> c.createProcess(stdio(false, false, false, "true")));
        c.close();
        assertNothingLeft(bundle, vm);
    }

    @Test
    void deleteAfterADeadShimEndsTheVmThroughTheBackend() throws Exception {
        String id = id("dead");
        Container c = standalone(id, "sleep", "1000");
        Path bundle = work.resolve("bundles").resolve(id);
        Vm vm = record(bundle);
        Process init = init(c, false, false, false);
        c.createProcess(stdio(false, false, false, "sleep", "1000"));
        List<ProcessHandle> guestProcesses = ProcessHandle.of(vm.agentPid()).orElseThrow().descendants().toList();
        assertTrue(guestProcesses.size() >= 2, "the agent runs the container's processes: " + guestProcesses);
        // What containerd's delete finds after the shim was killed -9: the bundle's record and a running VM that
        // this process's emulator holds, and the delete process's emulator does not.
        long started = System.nanoTime();
        assertEquals(0, delete(id, bundle), "delete exits 0");
        log("delete after a dead shim took " + (System.nanoTime() - started) / 1_000_000 + " ms");
        // An agent taken from the pool is not our child: init reaps it, in its own time.
        assertFalse(running(vm.agentPid()), "the agent is gone");
        for (ProcessHandle h : guestProcesses) {
            assertFalse(running(h.pid()), "guest process " + h.pid() + " is gone");
        }
        assertFalse(Files.exists(Path.of(vm.socketDir())), "socket directory left behind");
        assertFalse(Files.exists(bundle.resolve(VmRecord.FILE)), "the bundle's VM record is left");
        assertThrows(ExecutionException.class, () -> init.exit().get(5, TimeUnit.SECONDS));
        assertFalse(LcowCleanup.cleanupAfterDeadShim(bundle, () -> host), "nothing left to clean");
        assertEquals(0, delete(id, bundle), "a second delete finds nothing to do");
        c.close();
        assertNothingLeft(bundle, vm);
    }

    /** Runs {@code delete} for a dead shim in a process of its own, as containerd does; returns its exit status. */
    private int delete(String id, Path bundle) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.hcs4j.shim.cli.ShimMain", "-namespace", "test",
                "-address", work.resolve("containerd.sock").toString(), "-id", id, "-bundle", bundle.toString(),
                "delete");
        pb.environment().put("HCS4J_SOCKET_DIR", work.resolve("shim-sockets").toString());
        pb.redirectErrorStream(true).redirectOutput(work.resolve("delete-" + id + ".out").toFile());
        java.lang.Process p = pb.start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "delete finished");
        return p.exitValue();
    }

    /** Whether a process still runs: a zombie has ended (no one may be left to reap it once its parent died). */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException gone) {
            return false;
        }
    }

    private static void log(String line) {
        System.err.println(line);
    }

    @Test
    void badRootfsFailsClearlyAndLeavesNoVm() throws Exception {
        String id = id("bad");
        Path bundle = bundle(id, false, "true");
        IOException noRoot = assertThrows(IOException.class, () -> create(id, bundle, List.of(), Map.of()));
        assertTrue(noRoot.getMessage().contains("is not a directory"), noRoot.getMessage());
        SpecException tmpfs = assertThrows(SpecException.class, () -> create(id, bundle,
                List.of(new ContainerSpec.Layer("tmpfs", "tmpfs", List.of())), Map.of()));
        assertEquals("rootfs mount type tmpfs cannot become LCOW layers (overlay, bind and lcow-layer can)",
                tmpfs.getMessage());
        assertEquals(SpecException.Kind.INVALID_ARGUMENT, tmpfs.kind());
        assertFalse(Files.exists(HvSocketDirs.forVm(id + "@vm")), "socket directory left behind");
        assertFalse(Files.exists(bundle.resolve(VmRecord.FILE)));
        assertTrue(ProcessHandle.current().children().noneMatch(h -> h.info().commandLine().orElse("")
                .contains("GuestAgentMain") && environOf(h).contains(HvSocketDirs.forVm(id + "@vm").toString())),
                "no guest agent left for " + id);
    }

    private static String environOf(ProcessHandle h) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(h.pid()), "environ")), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
