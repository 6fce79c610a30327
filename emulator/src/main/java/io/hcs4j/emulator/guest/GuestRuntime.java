package io.hcs4j.emulator.guest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.platform.Connection;
import io.hcs4j.schema.Json;
import io.hcs4j.schema.SchemaException;
import io.hcs4j.schema.oci.LinuxResources;
import io.hcs4j.uvm.bridge.codec.BridgeJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * What the emulated guest runs: combined-layer root filesystems, containers (an OCI spec and its processes)
 * and processes of the VM itself. Processes are real host processes: chrooted into the container's rootfs
 * (unshare --root) when the guest runs as root (its launcher also gives it its own PID and mount namespaces),
 * otherwise run from the rootfs directory with its binaries first on PATH; on a pseudo-terminal when one is
 * asked for. With cgroups ({@link Cgroups}) each container has its own, holding every process it runs.
 */
final class GuestRuntime {
    static final String VM_ID = "00000000-0000-0000-0000-000000000000";
    private static final Logger LOG = LoggerFactory.getLogger(GuestRuntime.class);

    /** Joins the cgroups named by its first arguments, then becomes the container's process (same pid). */
    private static final String ENTER_CGROUP = "n=$1; shift; while [ \"$n\" -gt 0 ]; do echo $$ > \"$1\" || exit 126; "
            + "shift; n=$((n-1)); done; exec \"$@\"";

    private final boolean root;
    private final Cgroups cgroups;
    private final String vm;
    private final GuestMounts mounts;
    private final BiConsumer<String, String> exitNotifier;
    private final Map<String, Layers> layers = new ConcurrentHashMap<>();
    private final Map<String, Container> containers = new ConcurrentHashMap<>();
    private final Map<Integer, AgentProcess> vmProcesses = new ConcurrentHashMap<>();

    private record Layers(Path root, boolean mounted) {
    }

    private final class Container {
        final String id;
        final ObjectNode spec;
        final Path rootfs;
        /** Null when the guest runs without cgroups. */
        final ContainerCgroup cgroup;
        /** The spec's bind mounts made in the rootfs. */
        final List<Path> bindMounts;
        final Map<Integer, AgentProcess> processes = new ConcurrentHashMap<>();
        volatile AgentProcess init;
        volatile boolean shutdownRequested;
        volatile boolean exited;

        Container(String id, ObjectNode spec, Path rootfs, ContainerCgroup cgroup, List<Path> bindMounts) {
            this.id = id;
            this.spec = spec;
            this.rootfs = rootfs;
            this.cgroup = cgroup;
            this.bindMounts = bindMounts;
        }
    }

    /**
     * @param cgroups      where containers get their cgroups; null to run them without (statistics from /proc)
     * @param vmDir        the VM's socket directory: names its cgroup, holds its device directory
     * @param exitNotifier told (container id, notification type) when a container's init process is done
     */
    GuestRuntime(boolean root, Cgroups cgroups, Path vmDir, BiConsumer<String, String> exitNotifier) {
        this.root = root;
        this.cgroups = cgroups;
        this.vm = Cgroups.vmName(vmDir);
        this.mounts = new GuestMounts(root, vmDir.resolve("devices"));
        this.exitNotifier = exitNotifier;
    }

    GuestMounts mounts() {
        return mounts;
    }

    // ---- combined layers

    void addLayers(JsonNode settings) throws GuestError {
        String rootPath = settings.path("ContainerRootPath").asText("");
        JsonNode list = settings.path("Layers");
        if (rootPath.isEmpty() || !list.isArray() || list.isEmpty()) {
            throw new GuestError(GuestError.E_INVALID_JSON, "CombinedLayers needs ContainerRootPath and Layers");
        }
        List<String> paths = new ArrayList<>();
        list.forEach(l -> paths.add(l.path("Path").asText()));
        Path target = Path.of(rootPath);
        try {
            if (root) {
                Path scratch = Path.of(settings.path("ScratchPath").asText(target.getParent().resolve("scratch").toString()));
                Files.createDirectories(target);
                Files.createDirectories(scratch.resolve("upper"));
                Files.createDirectories(scratch.resolve("work"));
                run(List.of("mount", "-t", "overlay", "overlay", "-o", "lowerdir=" + String.join(":", paths)
                        + ",upperdir=" + scratch.resolve("upper") + ",workdir=" + scratch.resolve("work"), rootPath));
                layers.put(rootPath, new Layers(target, true));
                MountLog.AGENT.mounted(target);
            } else {
                // Without the right to mount, the rootfs is the (first) layer directory itself.
                Files.createDirectories(target.getParent());
                Files.deleteIfExists(target);
                Files.createSymbolicLink(target, Path.of(paths.get(0)));
                layers.put(rootPath, new Layers(target, false));
            }
        } catch (IOException e) {
            throw new GuestError(GuestError.E_FAIL, "cannot combine layers at " + rootPath + ": " + e.getMessage());
        }
    }

    void removeLayers(JsonNode settings) throws GuestError {
        String rootPath = settings.path("ContainerRootPath").asText("");
        Layers l = layers.remove(rootPath);
        if (l == null) {
            throw GuestError.of(GuestError.E_NOT_FOUND);
        }
        try {
            if (l.mounted) {
                run(List.of("umount", rootPath));
                MountLog.AGENT.unmounted(l.root);
                Files.deleteIfExists(l.root);
            } else {
                Files.deleteIfExists(l.root);
            }
        } catch (IOException e) {
            throw new GuestError(GuestError.E_FAIL, "cannot remove layers at " + rootPath + ": " + e.getMessage());
        }
    }

    static void run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes()).strip();
        try {
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + ": " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + command);
        }
    }

    // ---- containers

    void create(String id, ObjectNode config) throws GuestError {
        JsonNode spec = config.path("OciSpecification");
        if (!spec.isObject()) {
            throw new GuestError(GuestError.E_INVALID_JSON, "ContainerConfig has no OciSpecification");
        }
        Path rootfs = Path.of(spec.path("root").path("path").asText("/"));
        if (!rootfs.isAbsolute()) {
            rootfs = Path.of(config.path("OciBundlePath").asText("/")).resolve(rootfs);
        }
        if (containers.containsKey(id)) {
            throw new GuestError(GuestError.E_INVALID_STATE, "container " + id + " already exists");
        }
        ContainerCgroup cgroup = null;
        if (cgroups != null) {
            LinuxResources resources = resources(spec.path("linux").path("resources"));
            try {
                cgroup = cgroups.create(vm, id, resources);
            } catch (IllegalArgumentException e) {
                throw new GuestError(GuestError.E_INVALIDARG, e.getMessage());
            } catch (IOException e) {
                throw new GuestError(GuestError.E_FAIL, "cannot create the cgroup of " + id + ": " + e.getMessage());
            }
        }
        List<Path> bindMounts;
        try {
            bindMounts = mounts.bindSpecMounts(id, rootfs, spec.path("mounts"));
        } catch (GuestError e) {
            removeCgroup(id, cgroup);
            throw e;
        }
        Container c = new Container(id, (ObjectNode) spec, rootfs, cgroup, bindMounts);
        if (containers.putIfAbsent(id, c) != null) {
            GuestMounts.unbind(bindMounts);
            removeCgroup(id, cgroup);
            throw new GuestError(GuestError.E_INVALID_STATE, "container " + id + " already exists");
        }
    }

    private static LinuxResources resources(JsonNode node) throws GuestError {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        try {
            return Json.convert(node, LinuxResources.class);
        } catch (SchemaException | IllegalArgumentException e) {
            throw new GuestError(GuestError.E_INVALIDARG, "invalid linux.resources: " + e.getMessage());
        }
    }

    /** UpdateContainer: the container's cgroup takes the new resources. */
    void update(String containerId, JsonNode resources) throws GuestError {
        Container c = container(containerId);
        if (c.cgroup == null) {
            throw new GuestError(GuestError.E_NOTIMPL, "the emulated guest enforces resource limits only as root with "
                    + "writable cgroups; it runs without them");
        }
        if (resources == null || !resources.isObject()) {
            throw new GuestError(GuestError.E_INVALIDARG, "UpdateContainer needs Resources (OCI LinuxResources)");
        }
        try {
            c.cgroup.apply(resources(resources));
        } catch (IllegalArgumentException e) {
            throw new GuestError(GuestError.E_INVALIDARG, e.getMessage());
        } catch (IOException e) {
            throw new GuestError(GuestError.E_FAIL, "cannot update " + containerId + ": " + e.getMessage());
        }
    }

    private static void removeCgroup(String id, ContainerCgroup cgroup) {
        if (cgroup != null) {
            try {
                cgroup.remove();
            } catch (IOException e) {
                LOG.warn("cgroup of {} not removed: {}", id, e.getMessage());
            }
        }
    }

    private Container container(String id) throws GuestError {
        Container c = containers.get(id);
        if (c == null) {
            throw GuestError.of(GuestError.E_SYSTEM_NOT_FOUND);
        }
        return c;
    }

    /** Starts a process: the init process (no OCI process), an exec, or a process of the VM itself. */
    int execute(String containerId, ObjectNode params, Connection in, Connection out,
                Connection err) throws GuestError {
        try {
            if (VM_ID.equals(containerId)) {
                return startVmProcess(params, in, out, err);
            }
            Container c = container(containerId);
            JsonNode oci = params.path("OciProcess");
            boolean init = !oci.isObject();
            if (init && c.init != null) {
                throw new GuestError(GuestError.E_INVALID_STATE, "container " + containerId + " already started its init process");
            }
            if (!init && (c.init == null || c.exited)) {
                throw new GuestError(GuestError.E_INVALID_STATE, "container " + containerId + " is not running");
            }
            JsonNode process = init ? c.spec.path("process") : oci;
            // The console size comes as ConsoleSize [height, width] or as the OCI process's consoleSize.
            JsonNode size = params.path("ConsoleSize");
            int rows = size.isArray() ? size.path(0).asInt() : process.path("consoleSize").path("height").asInt();
            int cols = size.isArray() ? size.path(1).asInt() : process.path("consoleSize").path("width").asInt();
            AgentProcess p = startInContainer(c, process, params.path("EmulateConsole").asBoolean(), cols, rows,
                    in, out, err);
            if (c.cgroup != null) {
                try {
                    c.cgroup.join(p.pid());
                } catch (IOException e) {
                    p.kill();
                    throw e;
                }
            }
            c.processes.put(p.pid(), p);
            if (init) {
                c.init = p;
                p.released().whenComplete((code, e) -> initDone(c));
            }
            return p.pid();
        } catch (IOException e) {
            throw new GuestError(GuestError.E_FAIL, "cannot start the process: " + e.getMessage());
        }
    }

    private AgentProcess startInContainer(Container c, JsonNode process, boolean terminal, int cols, int rows,
                                          Connection in, Connection out, Connection err)
            throws IOException, GuestError {
        List<String> args = new ArrayList<>();
        process.path("args").forEach(a -> args.add(a.asText()));
        if (args.isEmpty()) {
            throw new GuestError(GuestError.E_INVALID_JSON, "the OCI process has no args");
        }
        Map<String, String> env = new LinkedHashMap<>();
        process.path("env").forEach(e -> {
            String kv = e.asText();
            int eq = kv.indexOf('=');
            if (eq > 0) {
                env.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        });
        String cwd = process.path("cwd").asText("/");
        List<String> command = new ArrayList<>();
        if (c.cgroup != null) {
            // The process joins the container's cgroups before it execs, so nothing it forks escapes them.
            List<Path> procs = c.cgroup.procsFiles();
            command.addAll(List.of("/bin/sh", "-c", ENTER_CGROUP, "hcs4j-cgroup", Integer.toString(procs.size())));
            procs.forEach(p -> command.add(p.toString()));
        }
        Path dir;
        if (root) {
            // util-linux unshare without namespace flags: chroot into the rootfs and chdir to cwd there.
            command.addAll(List.of("unshare", "--root=" + c.rootfs, "--wd=" + cwd));
            command.addAll(args);
            dir = Path.of("/");
        } else {
            String path = env.getOrDefault("PATH", "/usr/bin:/bin");
            String inRootfs = java.util.Arrays.stream(path.split(":"))
                    .map(p -> c.rootfs.resolve(p.startsWith("/") ? p.substring(1) : p).toString())
                    .collect(Collectors.joining(":"));
            env.put("PATH", inRootfs + ":" + path);
            command.add(resolve(args.get(0), env.get("PATH")));
            command.addAll(args.subList(1, args.size()));
            dir = c.rootfs.resolve(cwd.startsWith("/") ? cwd.substring(1) : cwd);
        }
        if (process.path("terminal").asBoolean() || terminal) {
            env.putIfAbsent("TERM", "xterm");
            return AgentProcess.startWithTerminal(command, env, dir, in, out, cols, rows);
        }
        return AgentProcess.start(command, env, dir, in, out, err);
    }

    /** Java looks programs up on its own PATH, not the child's: look them up here. */
    private static String resolve(String program, String path) {
        if (program.contains("/")) {
            return program;
        }
        for (String dir : path.split(":")) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return program;
    }

    private int startVmProcess(ObjectNode params, Connection in, Connection out,
                               Connection err) throws IOException, GuestError {
        List<String> command = new ArrayList<>();
        params.path("CommandArgs").forEach(a -> command.add(a.asText()));
        if (command.isEmpty()) {
            String line = params.path("CommandLine").asText("");
            if (line.isEmpty()) {
                throw new GuestError(GuestError.E_INVALID_JSON, "a VM process needs CommandArgs or CommandLine");
            }
            command.addAll(List.of("/bin/sh", "-c", line));
        }
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        params.path("Environment").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        Path dir = Path.of(params.path("WorkingDirectory").asText("/"));
        AgentProcess p = AgentProcess.start(command, env, dir, in, out, err);
        vmProcesses.put(p.pid(), p);
        return p.pid();
    }

    private void initDone(Container c) {
        c.exited = true;
        // As when a PID namespace's init dies: every other process of the container is killed.
        c.processes.values().forEach(AgentProcess::kill);
        if (c.cgroup != null) {
            c.cgroup.killAll();
        }
        exitNotifier.accept(c.id, c.shutdownRequested ? "GracefulExit" : "UnexpectedExit");
    }

    private AgentProcess process(String containerId, int pid) throws GuestError {
        AgentProcess p = VM_ID.equals(containerId) ? vmProcesses.get(pid) : container(containerId).processes.get(pid);
        if (p == null) {
            throw GuestError.of(GuestError.E_NOT_FOUND);
        }
        return p;
    }

    AgentProcess waitable(String containerId, int pid) throws GuestError {
        return process(containerId, pid);
    }

    void resize(String containerId, int pid, int cols, int rows) throws GuestError {
        process(containerId, pid).resize(cols, rows);
    }

    void signal(String containerId, int pid, int signal) throws GuestError {
        process(containerId, pid).signal(signal);
    }

    void shutdown(String containerId, boolean graceful) throws GuestError {
        Container c = container(containerId);
        c.shutdownRequested = true;
        AgentProcess init = c.init;
        if (init != null && init.isAlive()) {
            try {
                init.signal(graceful ? 15 : 9);
            } catch (GuestError exitedMeanwhile) {
                // Nothing left to stop.
            }
        }
    }

    void deleteState(String containerId) throws GuestError {
        Container c = container(containerId);
        if (c.init != null && !c.exited) {
            throw new GuestError(GuestError.E_INVALID_STATE, "container " + containerId + " is still running");
        }
        if (containers.remove(containerId) == null) {
            return;
        }
        try {
            if (c.cgroup != null) {
                c.cgroup.remove();
            }
        } catch (IOException e) {
            throw new GuestError(GuestError.E_FAIL, "cannot remove the cgroup of " + containerId + ": " + e.getMessage());
        } finally {
            GuestMounts.unbind(c.bindMounts);
        }
    }

    /** Live processes of the container: its cgroup's, or the ones it started and their descendants. */
    private List<ProcessHandle> live(Container c) {
        if (c.cgroup != null) {
            try {
                return c.cgroup.processes().stream().map(ProcessHandle::of).flatMap(java.util.Optional::stream).toList();
            } catch (IOException e) {
                LOG.warn("cannot list the cgroup of {}: {}", c.id, e.getMessage());
            }
        }
        Set<ProcessHandle> all = new LinkedHashSet<>();
        for (AgentProcess p : c.processes.values()) {
            ProcessHandle h = p.handle();
            if (h.isAlive()) {
                all.add(h);
                h.descendants().filter(ProcessHandle::isAlive).forEach(all::add);
            }
        }
        return new ArrayList<>(all);
    }

    ObjectNode properties(String containerId, JsonNode query) throws GuestError {
        Container c = container(containerId);
        ObjectNode properties = BridgeJson.object();
        for (JsonNode type : query.path("PropertyTypes")) {
            switch (type.asText()) {
                case "ProcessList" -> {
                    ArrayNode list = properties.putArray("ProcessList");
                    live(c).forEach(h -> list.addObject().put("ProcessId", h.pid()));
                }
                case "Statistics" -> properties.set("LCOWMetrics", statistics(c));
                default -> throw new GuestError(GuestError.E_NOTIMPL, "property type " + type.asText()
                        + " is not supported by the emulated guest");
            }
        }
        return properties;
    }

    private ObjectNode statistics(Container c) throws GuestError {
        if (c.cgroup == null) {
            return ProcStats.metrics(live(c));
        }
        try {
            return Json.mapper().valueToTree(CgroupStats.read(c.cgroup));
        } catch (IOException e) {
            throw new GuestError(GuestError.E_FAIL, "cannot read the cgroup of " + c.id + ": " + e.getMessage());
        }
    }

    /** The VM goes down: every process dies; the VM's cgroups, device mappings and rootfs mounts are removed. */
    void shutdownAll() {
        List<AgentProcess> all = new ArrayList<>(vmProcesses.values());
        containers.values().forEach(c -> all.addAll(c.processes.values()));
        all.forEach(AgentProcess::kill);
        // A busy rootfs cannot be unmounted: let the killed processes go first (SIGKILL is quick).
        try {
            java.util.concurrent.CompletableFuture.allOf(all.stream().map(AgentProcess::exited)
                    .toArray(java.util.concurrent.CompletableFuture[]::new)).get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("processes still running after SIGKILL: {}", e.toString());
        }
        if (cgroups != null) {
            cgroups.removeVm(vm);
        }
        // Containers' bind mounts and devices first: they may be inside a container's rootfs.
        containers.values().forEach(c -> GuestMounts.unbind(c.bindMounts));
        mounts.removeAll();
        for (String rootPath : List.copyOf(layers.keySet())) {
            try {
                removeLayers(BridgeJson.object().put("ContainerRootPath", rootPath));
            } catch (GuestError e) {
                LOG.warn("cleaning up {}: {}", rootPath, e.getMessage());
            }
        }
    }
}
