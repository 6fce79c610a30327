package io.hcs4j.shim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import io.hcs4j.shim.api.runhcs.Options;
import io.hcs4j.shim.api.task.DeleteResponse;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import io.hcs4j.platform.ChannelConnection;
import io.hcs4j.platform.PrivateDirectory;
import io.hcs4j.shim.api.task.ShutdownRequest;
import io.hcs4j.shim.api.task.TaskGrpc;
import io.hcs4j.shim.ttrpc.TtrpcClient;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

/**
 * The launcher script answers {@code start} and {@code delete} as the JVM commands do: each case runs both paths
 * (the script, and {@link ShimMain} in a JVM) and compares exit status, stdout bytes and the address file.
 */
@EnabledOnOs(OS.LINUX)
class ShimLauncherTest {
    private static final Path LAUNCHER = Path.of("..", "scripts", "containerd-shim-runhcs-v1").toAbsolutePath().normalize();
    private static final String CONTAINERD = "/run/containerd/containerd.sock";

    @TempDir
    Path tmp;
    private Path sockets;
    private Path jar;

    record Result(int exit, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        sockets = Files.createDirectory(tmp.resolve("s"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        jar = manifestJar(tmp.resolve("shim.jar"));
    }

    /** A jar naming the test class path, standing for the shaded jar (the script needs one for its JVM paths). */
    private static Path manifestJar(Path file) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, List.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .stream().map(e -> Path.of(e).toAbsolutePath().toUri().toString()).collect(Collectors.joining(" ")));
        try (OutputStream out = new JarOutputStream(Files.newOutputStream(file), m)) {
            out.flush();
        }
        return file;
    }

    private Result run(boolean script, Path bundle, Map<String, String> env, String... args) throws Exception {
        return run(script, bundle, env, new byte[0], args);
    }

    private Result run(boolean script, Path bundle, Map<String, String> env, byte[] stdin, String... args)
            throws Exception {
        List<String> cmd = new ArrayList<>();
        if (script) {
            cmd.addAll(List.of("/bin/sh", LAUNCHER.toString()));
        } else {
            cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), ShimMain.class.getName()));
        }
        cmd.addAll(List.of("-namespace", "hcs4j", "-address", CONTAINERD, "-publish-binary", "/usr/bin/containerd"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(bundle.toFile());
        pb.environment().put("HCS4J_SOCKET_DIR", sockets.toString());
        pb.environment().put("HCS4J_SHIM_JAR", jar.toString());
        pb.environment().put("HCS4J_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        pb.environment().put("HCS4J_CDS_DIR", tmp.toString()); // never write archives beside the build's jars
        pb.environment().putAll(env);
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Path in = Files.write(Files.createTempFile(tmp, "in", ".bin"), stdin);
        pb.redirectError(err.toFile()).redirectInput(in.toFile());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Result(p.exitValue(), out, Files.readString(err));
    }

    private Path bundle(String name, String config) throws IOException {
        Path b = Files.createDirectories(tmp.resolve("bundles").resolve(name));
        if (config != null) {
            Files.writeString(b.resolve("config.json"), config);
        }
        return b;
    }

    private ServerSocketChannel listen(String id) throws IOException {
        ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        s.bind(UnixDomainSocketAddress.of(socket(id)));
        return s;
    }

    /** ShimAddress's socket for {@code id}, in this test's socket directory (HCS4J_SOCKET_DIR of the runs). */
    private Path socket(String id) {
        return sockets.resolve(ShimAddress.socketPath(CONTAINERD, "hcs4j", id).getFileName());
    }

    private String address(String id) {
        return "unix://" + socket(id);
    }

    private static String podConfig(String type, String sandbox) {
        return "{\n  \"ociVersion\": \"1.0.2\",\n  \"annotations\": {\n    \"io.kubernetes.cri.container-type\": \"" + type
                + "\",\n    \"io.kubernetes.cri.sandbox-id\" : \"" + sandbox + "\"\n  }\n}\n";
    }

    @Test
    void startPrintsTheRunningShimsAddressAsTheJvmDoes() throws Exception {
        // The first sandbox-id key followed by a colon decides, and a value that is no string names no sandbox.
        String numberFirst = "{\"annotations\":{\"io.kubernetes.cri.container-type\":\"container\","
                + "\"io.kubernetes.cri.sandbox-id\": 5},\"x\":{\"io.kubernetes.cri.sandbox-id\":\"sb1\"}}";
        try (ServerSocketChannel task = listen("t1"); ServerSocketChannel sandbox = listen("sb1")) {
            // {id, config.json, the shim whose address start prints}
            for (String[] c : new String[][] {{"t1", null, "t1"}, {"c1", podConfig("container", "sb1"), "sb1"},
                    {"t1", podConfig("sandbox", "t1"), "t1"}, {"t1", numberFirst, "t1"}}) {
                Result script = run(true, bundle("s-" + c[0], c[1]), Map.of(), "-id", c[0], "start");
                Result jvm = run(false, bundle("j-" + c[0], c[1]), Map.of(), "-id", c[0], "start");
                assertEquals(0, script.exit(), script.stderr());
                assertEquals("", script.stderr(), "nothing but the address for containerd");
                assertEquals(jvm.out(), script.out());
                assertEquals(jvm.exit(), script.exit());
                assertEquals(address(c[2]), script.out());
                assertEquals(Files.readString(tmp.resolve("bundles/j-" + c[0] + "/address")),
                        Files.readString(tmp.resolve("bundles/s-" + c[0] + "/address")));
            }
        }
    }

    @Test
    void socketNamesMatchShimAddress() throws Exception {
        // A pod container whose sandbox has no shim: both name the socket they looked for, and print nothing.
        for (String sandbox : List.of("sb", "x".repeat(76), "a.b-c_d", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")) {
            String config = podConfig("container", sandbox);
            Result script = run(true, bundle("s-" + sandbox, config), Map.of(), "-id", "c", "start");
            Result jvm = run(false, bundle("j-" + sandbox, config), Map.of(), "-id", "c", "start");
            assertEquals(1, script.exit());
            assertEquals(1, jvm.exit());
            assertEquals(0, script.stdout().length);
            String expected = address(sandbox);
            assertTrue(script.stderr().contains(expected), script.stderr());
            assertTrue(jvm.stderr().contains(expected), jvm.stderr());
        }
    }

    @Test
    void deleteAnswersTheJvmsBytesAndRemovesADeadShimsSocket() throws Exception {
        ServerSocketChannel dead = listen("gone");
        dead.close(); // its file stays, as a killed shim's does
        assertTrue(Files.exists(socket("gone")));
        long before = Instant.now().getEpochSecond();
        Result script = run(true, bundle("s-gone", null), Map.of(), "-id", "gone", "delete");
        assertEquals(0, script.exit(), script.stderr());
        assertEquals("", script.stderr());
        assertFalse(Files.exists(socket("gone")));
        DeleteResponse r = DeleteResponse.parseFrom(script.stdout());
        assertEquals(255, r.getExitStatus());
        assertEquals(0, r.getPid());
        assertTrue(r.getExitedAt().getSeconds() >= before && r.getExitedAt().getSeconds() <= Instant.now().getEpochSecond());
        assertArrayEquals(DeleteResponseEncoder.encode(0, 255, r.getExitedAt().getSeconds(), r.getExitedAt().getNanos()), script.stdout());
        // The JVM's answer, its own timestamp re-encoded by the script's rules, is the same message.
        Result jvm = run(false, bundle("j-gone", null), Map.of(), "-id", "gone", "delete");
        DeleteResponse j = DeleteResponse.parseFrom(jvm.stdout());
        assertEquals(r.toBuilder().setExitedAt(j.getExitedAt()).build(), j);
        // A live shim's socket stays; no socket directory at all is fine too.
        try (ServerSocketChannel live = listen("live")) {
            assertEquals(0, run(true, bundle("s-live", null), Map.of(), "-id", "live", "delete").exit());
            assertTrue(Files.exists(socket("live")));
        }
        Result noDir = run(true, bundle("s-nodir", null), Map.of("HCS4J_SOCKET_DIR", tmp.resolve("none/shim").toString()), "-id", "x", "delete");
        assertEquals(0, noDir.exit(), noDir.stderr());
        assertEquals(255, DeleteResponse.parseFrom(noDir.stdout()).getExitStatus());
    }

    @Test
    void deleteLeavesADeadShimsVmToTheJvm() throws Exception {
        Path b = bundle("s-vm", null);
        Files.writeString(b.resolve("lcow-vm.properties"), "vmId=launcher-test-vm-that-does-not-exist\n");
        Result script = run(true, b, Map.of("HCS4J_EMULATOR_STATE", tmp.resolve("emu").toString(),
                "HCS4J_HVSOCK_ROOT", tmp.resolve("hv").toString()), "-id", "vm", "delete");
        assertEquals(0, script.exit(), script.stderr());
        assertEquals(255, DeleteResponse.parseFrom(script.stdout()).getExitStatus());
        assertFalse(Files.exists(b.resolve("lcow-vm.properties")), "the JVM's cleanup ran and removed the record");
    }

    @Test
    void anUnsafeSocketDirectoryIsRefusedAsTheJvmRefusesIt() throws Exception {
        Files.setPosixFilePermissions(sockets, PosixFilePermissions.fromString("rwxrwx---"));
        for (String action : List.of("start", "delete")) {
            Result script = run(true, bundle("s-" + action, null), Map.of(), "-id", "t", action);
            Result jvm = run(false, bundle("j-" + action, null), Map.of(), "-id", "t", action);
            assertEquals(1, script.exit());
            assertEquals(jvm.exit(), script.exit());
            assertEquals(0, script.stdout().length);
            assertTrue(script.stderr().contains("refusing"), script.stderr());
            assertFalse(Files.exists(tmp.resolve("bundles/s-" + action + "/address")));
        }
    }

    @Test
    void unusualInputGoesToTheJvmWithTheSameAnswer() throws Exception {
        // A bundle with a space and an escaped annotation: the script hands both to the JVM.
        try (ServerSocketChannel sandbox = listen("sb\"x")) {
            String config = "{\"annotations\":{\"io.kubernetes.cri.container-type\":\"container\",\"io.kubernetes.cri.sandbox-id\":\"sb\\\"x\"}}";
            Result script = run(true, bundle("s with space", config), Map.of(), "-id", "c", "start");
            assertEquals(0, script.exit(), script.stderr());
            assertEquals(address("sb\"x"), script.out());
        }
        Result bad = run(true, bundle("s-bad", null), Map.of(), "-id", "x", "start", "extra");
        assertEquals(2, bad.exit());
        assertEquals(0, bad.stdout().length);
    }

    @Test
    void startSpawnsADaemonThatNeverWritesToContainerdsOutput() throws Exception {
        Path b = bundle("s-daemon", null);
        Map<String, String> env = Map.of("HCS4J_EMULATOR_STATE", tmp.resolve("emu").toString(),
                "HCS4J_HVSOCK_ROOT", tmp.resolve("hv").toString(), "TTRPC_ADDRESS", tmp.resolve("none.ttrpc").toString());
        Result script = run(true, b, env, "-id", "d1", "start");
        ProcessHandle daemon = ProcessHandle.allProcesses()
                .filter(h -> h.info().commandLine().orElse("").contains(socket("d1").toString()))
                .findFirst().orElseThrow();
        try {
            assertEquals(0, script.exit(), script.stderr());
            assertEquals("", script.stderr());
            assertEquals(address("d1"), script.out());
            assertTrue(StartCommand.reachable(script.out()));
            assertTrue(daemon.info().commandLine().orElse("").contains("-XX:ArchiveClassesAtExit=" + tmp),
                    "the first daemon writes the class archive: " + daemon.info().commandLine());
        } finally {
            daemon.destroy();
            daemon.onExit().get(30, TimeUnit.SECONDS);
        }
        Result delete = run(true, b, env, "-id", "d1", "delete");
        assertEquals(0, delete.exit(), delete.stderr());
        assertFalse(Files.exists(socket("d1")));
    }

    /**
     * Both start paths hand containerd's runtime options (stdin) to the daemon, which takes its log level from them,
     * and leave it SIGINT and SIGQUIT as they are by default.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void startHandsTheOptionsAndDefaultSignalsToTheDaemon(boolean script) throws Exception {
        String id = script ? "o1" : "o2";
        Path b = bundle("s-options-" + id, null);
        Map<String, String> env = Map.of("HCS4J_EMULATOR_STATE", tmp.resolve("emu").toString(),
                "HCS4J_HVSOCK_ROOT", tmp.resolve("hv").toString(), "TTRPC_ADDRESS", tmp.resolve("none.ttrpc").toString());
        byte[] options = Any.pack(Options.newBuilder().setLogLevel("warning").build()).toByteArray();
        Result start = run(script, b, env, options, "-id", id, "start");
        ProcessHandle daemon = ProcessHandle.allProcesses()
                .filter(h -> h.info().commandLine().orElse("").contains(socket(id).toString()))
                .findFirst().orElseThrow();
        try {
            assertEquals(0, start.exit(), start.stderr());
            String environ = Files.readString(Path.of("/proc", Long.toString(daemon.pid()), "environ"));
            assertTrue(List.of(environ.split("\0")).contains(ServeCommand.START_OPTIONS_ENV + "="
                    + Base64.getEncoder().encodeToString(options)), environ);
            assertEquals(Level.WARN, RuntimeOptions.logLevel(options));
            // SIGINT and SIGQUIT not ignored: containers inherit the daemon's dispositions (CtrlC handlers, dumps).
            String ignored = Files.readAllLines(Path.of("/proc", Long.toString(daemon.pid()), "status")).stream()
                    .filter(l -> l.startsWith("SigIgn:")).findFirst().orElseThrow().substring(7).trim();
            assertEquals(0, Long.parseLong(ignored, 16) & 0x6, "SigIgn " + ignored);
        } finally {
            daemon.destroy();
            daemon.onExit().get(30, TimeUnit.SECONDS);
        }
        assertEquals(0, run(true, b, env, "-id", id, "delete").exit());
    }

    /** JVM options no JVM starts with: where a start must be a claim, a fresh daemon fails at once. */
    private static final String NO_JVM = "-XX:+UseSerialGC -XX:+Hcs4jNoSuchOption";

    /** The ready-daemon set the script (or the JVM, run on the test class path) looks in for these options. */
    private Path readyDir(boolean script, String serveOptions) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java").toRealPath();
        String cp = script ? jar.toRealPath().toString() : System.getProperty("java.class.path");
        return ReadyDaemons.dir(sockets, ReadyDaemons.key(cp, java, serveOptions));
    }

    /** A stand-in ready daemon in this JVM: waits in {@code dir}, and when claimed listens on the task's socket. */
    private static Future<ReadyDaemons.Claim> standIn(ExecutorService threads, Path dir, List<ServerSocketChannel> servers) {
        return threads.submit(() -> {
            ReadyDaemons.Claim c = ReadyDaemons.await(dir, Duration.ofSeconds(60)).orElseThrow();
            ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            s.bind(UnixDomainSocketAddress.of(c.flags().socket().substring("unix://".length())));
            synchronized (servers) {
                servers.add(s);
            }
            return c;
        });
    }

    private static long entries(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.count();
        }
    }

    private static void awaitEntries(Path dir, long n) throws Exception {
        awaitEntries(dir, n, null);
    }

    /** Waits for {@code n} entries in the ready set; on failure shows the daemon's {@code log}, when given. */
    private static void awaitEntries(Path dir, long n, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.isDirectory(dir) || entries(dir) != n) {
            assertTrue(System.nanoTime() < deadline, "ready entries in " + dir + (log == null ? "" : "; log:\n" + Files.readString(log)));
            Thread.sleep(10);
        }
    }

    /**
     * Starts at once, more than there are ready daemons: each daemon is claimed by exactly one start, which prints its
     * address and writes the address file; the starts that found none spawn (and here fail: no JVM can start).
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void concurrentStartsNeverShareAReadyDaemon(boolean script) throws Exception {
        Path dir = readyDir(script, NO_JVM);
        int daemons = 4;
        int starts = 7;
        ExecutorService threads = Executors.newCachedThreadPool();
        List<ServerSocketChannel> servers = new ArrayList<>();
        try {
            List<Future<ReadyDaemons.Claim>> ready = new ArrayList<>();
            for (int i = 0; i < daemons; i++) {
                ready.add(standIn(threads, dir, servers));
            }
            awaitEntries(dir, daemons);
            Map<String, String> env = Map.of("HCS4J_SERVE_JAVA_OPTS", NO_JVM, "TTRPC_ADDRESS", "/run/x.ttrpc",
                    "HCS4J_SHIM_POOL_SIZE", "4");
            List<Future<Result>> results = new ArrayList<>();
            for (int i = 0; i < starts; i++) {
                String id = "p" + i;
                Path b = bundle((script ? "s-" : "j-") + id, null);
                results.add(threads.submit(() -> run(script, b, env, "options".getBytes(StandardCharsets.UTF_8), "-id", id, "start")));
            }
            List<String> served = new ArrayList<>();
            for (int i = 0; i < starts; i++) {
                Result r = results.get(i).get(120, TimeUnit.SECONDS);
                if (r.exit() == 0) {
                    assertEquals(address("p" + i), r.out());
                    assertEquals(r.out(), Files.readString(tmp.resolve("bundles/" + (script ? "s-" : "j-") + "p" + i + "/address")));
                    served.add("p" + i);
                } else {
                    assertEquals(0, r.stdout().length);
                    assertTrue(r.stderr().contains("did not become ready"), r.stderr());
                }
            }
            List<String> claimed = new ArrayList<>();
            for (Future<ReadyDaemons.Claim> f : ready) {
                ReadyDaemons.Claim c = f.get(30, TimeUnit.SECONDS);
                claimed.add(c.flags().id());
                assertEquals("hcs4j", c.flags().namespace());
                assertEquals(CONTAINERD, c.flags().address());
                assertEquals("/usr/bin/containerd", c.flags().publishBinary());
                assertEquals(address(c.flags().id()), c.flags().socket());
                assertEquals(tmp.resolve("bundles/" + (script ? "s-" : "j-") + c.flags().id()).toString(), c.flags().bundle());
                assertEquals("/run/x.ttrpc", c.env().get("TTRPC_ADDRESS"));
                assertEquals("4", c.env().get("HCS4J_SHIM_POOL_SIZE"));
                assertEquals(Base64.getEncoder().encodeToString("options".getBytes(StandardCharsets.UTF_8)),
                        c.env().get(ServeCommand.START_OPTIONS_ENV));
            }
            assertEquals(daemons, served.size(), "every ready daemon served one start");
            assertEquals(served.stream().sorted().toList(), claimed.stream().sorted().toList());
            assertEquals(0, entries(dir), "nothing left in the ready set");
        } finally {
            threads.shutdownNow();
            for (ServerSocketChannel s : servers) {
                s.close();
            }
        }
    }

    /**
     * A dead daemon's entry and a stopped daemon's are passed over and removed, within seconds, and start goes on
     * without them (here to a fresh daemon, which cannot start); a good daemon after them is claimed.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void deadAndStoppedReadyDaemonsArePassedOver(boolean script) throws Exception {
        Path dir = PrivateDirectory.create(readyDir(script, NO_JVM));
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Process stopped = new ProcessBuilder("sleep", "120").start();
        ExecutorService threads = Executors.newCachedThreadPool();
        List<ServerSocketChannel> servers = new ArrayList<>();
        try {
            assertEquals(0, new ProcessBuilder("kill", "-STOP", Long.toString(stopped.pid())).start().waitFor());
            for (long pid : List.of(gone.pid(), stopped.pid())) {
                assertEquals(0, new ProcessBuilder("mkfifo", "-m", "600", dir.resolve(pid + "-1").toString()).start().waitFor());
            }
            Map<String, String> env = Map.of("HCS4J_SERVE_JAVA_OPTS", NO_JVM);
            long before = System.nanoTime();
            Result r = run(script, bundle((script ? "s-" : "j-") + "w1", null), env, "-id", "w1", "start");
            assertEquals(1, r.exit(), r.stderr());
            assertTrue(r.stderr().contains("did not become ready"), r.stderr());
            assertTrue(System.nanoTime() - before < TimeUnit.SECONDS.toNanos(20), "passed over in bounded time");
            assertEquals(0, entries(dir), "the dead and the stopped daemon's entries are gone");
            Future<ReadyDaemons.Claim> good = standIn(threads, dir, servers);
            awaitEntries(dir, 1);
            Result ok = run(script, bundle((script ? "s-" : "j-") + "w2", null), env, "-id", "w2", "start");
            assertEquals(0, ok.exit(), ok.stderr());
            assertEquals(address("w2"), ok.out());
            assertEquals("w2", good.get(30, TimeUnit.SECONDS).flags().id());
        } finally {
            stopped.destroyForcibly();
            threads.shutdownNow();
            for (ServerSocketChannel s : servers) {
                s.close();
            }
        }
    }

    private static ProcessHandle daemonServing(Path socket) {
        return ProcessHandle.allProcesses()
                .filter(h -> h.info().commandLine().orElse("").contains(socket.toString()))
                .findFirst().orElseThrow();
    }

    private void shutdown(String address) throws Exception {
        try (TtrpcClient c = new TtrpcClient(ChannelConnection.connect(Path.of(address.substring("unix://".length()))))) {
            c.call(TaskGrpc.getShutdownMethod(), ShutdownRequest.newBuilder().setId("x").build(), Duration.ofSeconds(10), Map.of());
        }
    }

    /**
     * With the pool on, a daemon whose pod is gone waits in the ready set, and the next pod's start (another
     * namespace, another bundle) is served by it: its log goes to the new bundle, its address is the new task's.
     * Emptying the set ends it. With the pool off (size 0, the default) the daemon exits after Shutdown and no ready
     * set appears.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 0})
    void aRecycledDaemonServesTheNextPod(int size) throws Exception {
        String opts = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto";
        Map<String, String> env = Map.of("HCS4J_EMULATOR_STATE", tmp.resolve("emu").toString(),
                "HCS4J_HVSOCK_ROOT", tmp.resolve("hv").toString(), "TTRPC_ADDRESS", tmp.resolve("none.ttrpc").toString(),
                "HCS4J_SERVE_JAVA_OPTS", opts, "HCS4J_SHIM_POOL_SIZE", Integer.toString(size));
        Path b1 = bundle("s-r1", null);
        Files.writeString(b1.resolve("log"), "");
        Result first = run(true, b1, env, "-id", "r1", "start");
        assertEquals(0, first.exit(), first.stderr());
        ProcessHandle daemon = daemonServing(socket("r1"));
        try {
            shutdown(first.out());
            Path dir = readyDir(true, opts);
            if (size == 0) {
                daemon.onExit().get(30, TimeUnit.SECONDS);
                assertFalse(Files.exists(sockets.resolve("ready")), "no ready set without a pool");
                return;
            }
            awaitEntries(dir, 1, b1.resolve("log"));
            assertTrue(daemon.isAlive());
            assertFalse(Files.exists(socket("r1")), "the task's socket goes with its pod");
            Path b2 = bundle("s-r2", null);
            Files.writeString(b2.resolve("log"), "");
            Result second = run(true, b2, env, "-namespace", "other", "-id", "r2", "start");
            assertEquals(0, second.exit(), second.stderr());
            String expected = "unix://" + sockets.resolve(ShimAddress.socketPath(CONTAINERD, "other", "r2").getFileName());
            assertEquals(expected, second.out());
            assertEquals(0, entries(dir));
            assertTrue(StartCommand.reachable(expected));
            assertTrue(daemon.isAlive());
            assertEquals(Path.of(tmp.resolve("bundles/s-r2").toString()), Files.readSymbolicLink(Path.of("/proc", Long.toString(daemon.pid()), "cwd")));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Files.readString(b2.resolve("log")).contains("serving " + expected + " for task r2 (namespace other")) {
                assertTrue(System.nanoTime() < deadline, "the second pod's log: " + Files.readString(b2.resolve("log")));
                Thread.sleep(10);
            }
            assertTrue(Files.readString(b1.resolve("log")).contains("waiting in " + dir));
            assertFalse(Files.readString(b1.resolve("log")).contains("namespace other"), "nothing of the second pod in the first's log");
            shutdown(second.out());
            awaitEntries(dir, 1, b2.resolve("log"));
            try (var s = Files.list(dir)) {
                for (Path p : s.toList()) {
                    Files.delete(p); // how an operator empties the set
                }
            }
            daemon.onExit().get(30, TimeUnit.SECONDS);
        } finally {
            daemon.destroy();
        }
    }

    @Test
    void anIdleReadyDaemonExits() throws Exception {
        String opts = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto";
        Map<String, String> env = Map.of("HCS4J_EMULATOR_STATE", tmp.resolve("emu").toString(),
                "HCS4J_HVSOCK_ROOT", tmp.resolve("hv").toString(), "TTRPC_ADDRESS", tmp.resolve("none.ttrpc").toString(),
                "HCS4J_SERVE_JAVA_OPTS", opts, "HCS4J_SHIM_POOL_SIZE", "1", ReadyDaemons.IDLE_ENV, "1");
        Result first = run(true, bundle("s-i1", null), env, "-id", "i1", "start");
        assertEquals(0, first.exit(), first.stderr());
        ProcessHandle daemon = daemonServing(socket("i1"));
        try {
            shutdown(first.out());
            daemon.onExit().get(30, TimeUnit.SECONDS);
            assertEquals(0, entries(readyDir(true, opts)), "it left the ready set");
        } finally {
            daemon.destroy();
        }
    }

    @Test
    void aBadPoolSizeIsAClearErrorInTheLog() throws Exception {
        Path b = bundle("s-bad-size", null);
        Files.writeString(b.resolve("log"), "");
        Map<String, String> env = Map.of("HCS4J_EMULATOR_STATE", tmp.resolve("emu").toString(),
                "HCS4J_HVSOCK_ROOT", tmp.resolve("hv").toString(), "HCS4J_SERVE_JAVA_OPTS", "-XX:+UseSerialGC",
                "HCS4J_SHIM_POOL_SIZE", "many");
        Result r = run(true, b, env, "-id", "bad", "start");
        assertEquals(1, r.exit());
        assertEquals(0, r.stdout().length);
        assertTrue(Files.readString(b.resolve("log")).contains("HCS4J_SHIM_POOL_SIZE: 'many' is not a number"),
                Files.readString(b.resolve("log")));
    }
}
