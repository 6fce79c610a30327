package io.hcs4j.emulator.guest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.emulator.hcs.GuestInstance;
import io.hcs4j.schema.Json;
import io.hcs4j.schema.guest.GuestProcessParameters;
import io.hcs4j.schema.guest.ModificationRequest;
import io.hcs4j.schema.guest.RequestType;
import io.hcs4j.schema.guest.ResourceType;
import io.hcs4j.uvm.guest.GuestConnection;
import io.hcs4j.uvm.guest.GuestContainer;
import io.hcs4j.uvm.guest.GuestProcess;
import io.hcs4j.uvm.transport.HvSocketDirs;
import io.hcs4j.uvm.transport.HvSocketListener;
import io.hcs4j.uvm.transport.UnixSocketTransport;
import io.hcs4j.uvm.transport.VsockPorts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An emulated LCOW VM for tests, booted the way the HCS emulator boots one: the host listens on the GCS port of
 * the VM's socket directory, the launcher starts the guest agent process, the guest dials in and negotiates.
 */
final class EmulatedVm implements AutoCloseable {
    static final List<String> APPLETS = List.of("sh", "echo", "cat", "sleep", "true", "false", "ls", "head", "dd", "yes", "stty");

    final String id = "test-" + UUID.randomUUID().toString().substring(0, 8) + "@vm";
    final Path work;
    final Path layer;
    final GuestInstance guest;
    final GuestConnection connection;

    EmulatedVm(Path work) throws IOException {
        this.work = work;
        this.layer = busyboxLayer(work.resolve("layers/busybox"));
        UnixSocketTransport transport = new UnixSocketTransport(HvSocketDirs.forVm(id));
        try (HvSocketListener gcs = transport.listen(VsockPorts.serviceId(VsockPorts.GCS_PORT))) {
            guest = new EmulatedGuestLauncher().launch(id, "{}");
            try {
                connection = GuestConnection.accept(id, gcs, transport, Duration.ofSeconds(30), Duration.ofSeconds(30));
            } catch (IOException e) {
                guest.kill();
                throw e;
            }
        }
    }

    /** A layer holding busybox-static and the applets the tests use. */
    static Path busyboxLayer(Path dir) throws IOException {
        Path bin = dir.resolve("bin");
        Files.createDirectories(bin);
        Path busybox = Path.of("/bin/busybox");
        // The container tests need a static busybox for their rootfs (Debian: busybox-static).
        if (!Files.isExecutable(busybox)) {
            throw new IllegalStateException("busybox-static is not installed: apt-get install busybox-static");
        }
        Files.copy(busybox, bin.resolve("busybox"));
        for (String applet : APPLETS) {
            Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
        }
        return dir;
    }

    Path rootPath(String container) {
        return work.resolve("c").resolve(container).resolve("rootfs");
    }

    void addLayers(String container) throws IOException {
        addLayers(container, layer);
    }

    /** Combines {@code layers} (the top one first) into the container's rootfs. */
    void addLayers(String container, Path... layers) throws IOException {
        ObjectNode request = Json.mapper().createObjectNode().put("RequestType", "Add").put("ResourceType", "CombinedLayers");
        ObjectNode settings = request.putObject("Settings").put("ContainerID", container)
                .put("ContainerRootPath", rootPath(container).toString());
        ArrayNode paths = settings.putArray("Layers");
        for (Path l : layers) {
            paths.addObject().put("Path", l.toString());
        }
        settings.put("ScratchPath", work.resolve("scratch").resolve(container).toString());
        connection.modify(Json.convert(request, ModificationRequest.class));
    }

    void removeLayers(String container) throws IOException {
        ObjectNode request = Json.mapper().createObjectNode().put("RequestType", "Remove").put("ResourceType", "CombinedLayers");
        request.putObject("Settings").put("ContainerRootPath", rootPath(container).toString());
        connection.modify(Json.convert(request, ModificationRequest.class));
    }

    static ObjectNode process(String... args) {
        ObjectNode p = Json.mapper().createObjectNode();
        ArrayNode a = p.putArray("args");
        for (String arg : args) {
            a.add(arg);
        }
        p.putArray("env").add("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        p.put("cwd", "/");
        return p;
    }

    GuestContainer createContainer(String container, String... initArgs) throws IOException {
        return createContainer(container, null, initArgs);
    }

    /**
     * A standalone container whose spec has {@code linux.resources} (null: none), in its own network namespace
     * (named after it, added first), as the host gives every container one.
     */
    GuestContainer createContainer(String container, ObjectNode resources, String... initArgs) throws IOException {
        addNetworkNamespace("ns-" + container);
        return createFromSpec(container, spec(container, resources, "ns-" + container, initArgs));
    }

    /** Combines the container's layers, creates it from {@code spec} and starts it. */
    GuestContainer createFromSpec(String container, ObjectNode spec) throws IOException {
        addLayers(container);
        GuestContainer c = connection.createContainer(container, spec, work.resolve("c").resolve(container).toString(),
                work.resolve("scratch").resolve(container).toString());
        c.start();
        return c;
    }

    /** A container's spec: its init process, resources (null: none) and network namespace (null: none). */
    ObjectNode spec(String container, ObjectNode resources, String networkNamespace, String... initArgs) {
        ObjectNode spec = Json.mapper().createObjectNode().put("ociVersion", "1.1.0");
        spec.set("process", process(initArgs));
        if (resources != null) {
            spec.putObject("linux").set("resources", resources);
        }
        if (networkNamespace != null) {
            spec.putObject("windows").putObject("network").put("networkNamespace", networkNamespace);
        }
        spec.putObject("root").put("path", rootPath(container).toString());
        return spec;
    }

    /** ModifySettings NetworkNamespace (HNS's HostComputeNamespace document, "ID" its name) on the VM. */
    void addNetworkNamespace(String id) throws IOException {
        modifyNetworkNamespace(RequestType.ADD, id);
    }

    void removeNetworkNamespace(String id) throws IOException {
        modifyNetworkNamespace(RequestType.REMOVE, id);
    }

    private void modifyNetworkNamespace(RequestType op, String id) throws IOException {
        ModificationRequest request = new ModificationRequest();
        request.requestType = op;
        request.resourceType = ResourceType.NETWORK_NAMESPACE;
        request.settings = Json.mapper().createObjectNode().put("ID", id);
        connection.modify(request);
    }

    /** Whether the agent runs containers on runc (the launcher's environment and the agent's own choice). */
    static boolean onRunc() {
        return GuestRuntime.choose(io.hcs4j.platform.posix.Posix.isRoot(), System.getenv(GuestRuntime.RUNTIME_ENV),
                io.hcs4j.emulator.guest.runtime.runc.RuncRuntime.find()).runc() != null;
    }

    /** The agent's pid: the JVM in the guest's process tree (below unshare as root; started here or taken from a pool). */
    long agentPid() {
        return guest.processes().stream().filter(h -> h.info().command().orElse("").endsWith("java"))
                .findFirst().orElseThrow().pid();
    }

    static GuestProcessParameters exec(boolean stdin, boolean stdout, boolean stderr, String... args) {
        GuestProcessParameters p = new GuestProcessParameters();
        p.ociProcess = Json.convert(process(args), io.hcs4j.schema.oci.Process.class);
        p.createStdInPipe = stdin;
        p.createStdOutPipe = stdout;
        p.createStdErrPipe = stderr;
        return p;
    }

    static GuestProcessParameters init() {
        GuestProcessParameters p = new GuestProcessParameters();
        p.createStdOutPipe = true;
        p.createStdErrPipe = true;
        return p;
    }

    /** Reads stdout and stderr to the end, closes them (which releases the exit code) and waits for it. */
    static Result run(GuestProcess p) throws Exception {
        var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> readAll(p.stderr()));
        String out = readAll(p.stdout());
        String errText = err.get(30, TimeUnit.SECONDS);
        p.closeStdout();
        p.closeStderr();
        return new Result(out, errText, p.exit().get(30, TimeUnit.SECONDS));
    }

    static String readAll(java.io.InputStream in) {
        if (in == null) {
            return null;
        }
        try {
            return new String(in.readAllBytes());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    record Result(String stdout, String stderr, int exitCode) {
    }

    @Override
    public void close() throws Exception {
        connection.close();
        // Closing the bridge makes the guest exit, as with the reference GCS.
        try {
            guest.exit().get(10, TimeUnit.SECONDS);
        } finally {
            guest.kill();
            Path dir = HvSocketDirs.forVm(id);
            if (Files.exists(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }
}
