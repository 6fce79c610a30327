package io.hcs4j.emulator.guest;

import io.hcs4j.hcs.raw.HResults;
import io.hcs4j.platform.Connection;
import io.hcs4j.schema.guest.ContainerPropertiesV2;
import io.hcs4j.schema.guest.GuestProcessParameters;
import io.hcs4j.schema.guest.LCOWCombinedLayers;
import io.hcs4j.schema.guest.LinuxHostedSystem;
import io.hcs4j.schema.guest.Metrics;
import io.hcs4j.schema.oci.LinuxResources;
import io.hcs4j.schema.oci.Spec;
import io.hcs4j.schema.v2.ProcessDetails;
import io.hcs4j.schema.v2.PropertyType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
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
        final Spec spec;
        final Path rootfs;
        /** Null when the guest runs without cgroups. */
        final ContainerCgroup cgroup;
        /** The spec's bind mounts made in the rootfs; see {@link #releaseMounts}. */
        final List<Path> bindMounts;
        /** What DeleteContainerState removes (null where the host named none). */
        final Path scratchDir;
        final Path bundleDir;
        private boolean mountsReleased;
        final Map<Integer, AgentProcess> processes = new ConcurrentHashMap<>();
        volatile AgentProcess init;
        volatile boolean shutdownRequested;
        volatile boolean exited;

        Container(String id, Spec spec, Path rootfs, ContainerCgroup cgroup, List<Path> bindMounts,
                  LinuxHostedSystem config) {
            this.id = id;
            this.spec = spec;
            this.rootfs = rootfs;
            this.cgroup = cgroup;
            this.bindMounts = bindMounts;
            this.scratchDir = pathOrNull(config.scratchDirPath);
            this.bundleDir = pathOrNull(config.ociBundlePath);
        }

        /**
         * Unmounts the spec's bind mounts, once. runc makes them in the container's own mount namespace, where they
         * neither outlive its processes nor keep the guest from unmounting the rootfs; here they share the agent's.
         */
        synchronized void releaseMounts() {
            if (!mountsReleased) {
                mountsReleased = true;
                GuestMounts.unbind(bindMounts);
            }
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

    void addLayers(LCOWCombinedLayers settings) throws GuestError {
        String rootPath = orEmpty(settings.containerRootPath);
        if (rootPath.isEmpty() || settings.layers == null || settings.layers.isEmpty()) {
            throw new GuestError(HResults.V1_INVALID_JSON, "CombinedLayers needs ContainerRootPath and Layers");
        }
        List<String> paths = new ArrayList<>();
        settings.layers.forEach(l -> paths.add(orEmpty(l.path)));
        Path target = Path.of(rootPath);
        try {
            if (root) {
                Path scratch = settings.scratchPath == null || settings.scratchPath.isEmpty()
                        ? target.getParent().resolve("scratch") : Path.of(settings.scratchPath);
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
            throw new GuestError(HResults.E_FAIL, "cannot combine layers at " + rootPath + ": " + e.getMessage());
        }
    }

    void removeLayers(LCOWCombinedLayers settings) throws GuestError {
        String rootPath = orEmpty(settings.containerRootPath);
        Layers l = layers.remove(rootPath);
        if (l == null) {
            throw GuestError.of(HResults.E_ELEMENT_NOT_FOUND);
        }
        containers.values().stream().filter(c -> c.rootfs.equals(l.root)).forEach(Container::releaseMounts);
        try {
            if (l.mounted) {
                run(List.of("umount", rootPath));
                MountLog.AGENT.unmounted(l.root);
                Files.deleteIfExists(l.root);
            } else {
                Files.deleteIfExists(l.root);
            }
        } catch (IOException e) {
            throw new GuestError(HResults.E_FAIL, "cannot remove layers at " + rootPath + ": " + e.getMessage());
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

    void create(String id, LinuxHostedSystem config) throws GuestError {
        Spec spec = config.ociSpecification;
        if (spec == null) {
            throw new GuestError(HResults.V1_INVALID_JSON, "ContainerConfig has no OciSpecification");
        }
        Path rootfs = Path.of(spec.root == null || spec.root.path == null ? "/" : spec.root.path);
        if (!rootfs.isAbsolute()) {
            // Go writes an unset bundle path as "".
            String bundle = orEmpty(config.ociBundlePath);
            rootfs = Path.of(bundle.isEmpty() ? "/" : bundle).resolve(rootfs);
        }
        if (containers.containsKey(id)) {
            throw new GuestError(HResults.V1_INVALID_STATE, "container " + id + " already exists");
        }
        ContainerCgroup cgroup = null;
        if (cgroups != null) {
            LinuxResources resources = spec.linux == null ? null : spec.linux.resources;
            try {
                cgroup = cgroups.create(vm, id, resources);
            } catch (IllegalArgumentException e) {
                throw new GuestError(HResults.E_INVALIDARG, e.getMessage());
            } catch (IOException e) {
                throw new GuestError(HResults.E_FAIL, "cannot create the cgroup of " + id + ": " + e.getMessage());
            }
        }
        List<Path> bindMounts;
        try {
            bindMounts = mounts.bindSpecMounts(id, rootfs, spec.mounts == null ? List.of() : spec.mounts);
        } catch (GuestError e) {
            removeCgroup(id, cgroup);
            throw e;
        }
        Container c = new Container(id, spec, rootfs, cgroup, bindMounts, config);
        if (containers.putIfAbsent(id, c) != null) {
            GuestMounts.unbind(bindMounts);
            removeCgroup(id, cgroup);
            throw new GuestError(HResults.V1_INVALID_STATE, "container " + id + " already exists");
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Go writes an unset path as "". */
    private static Path pathOrNull(String s) {
        return s == null || s.isEmpty() ? null : Path.of(s);
    }

    /** UpdateContainer: the container's cgroup takes the new resources. */
    void update(String containerId, LinuxResources resources) throws GuestError {
        Container c = container(containerId);
        if (c.cgroup == null) {
            throw new GuestError(HResults.E_NOTIMPL, "the emulated guest enforces resource limits only as root with "
                    + "writable cgroups; it runs without them");
        }
        if (resources == null) {
            throw new GuestError(HResults.E_INVALIDARG, "UpdateContainer needs Resources (OCI LinuxResources)");
        }
        try {
            c.cgroup.apply(resources);
        } catch (IllegalArgumentException e) {
            throw new GuestError(HResults.E_INVALIDARG, e.getMessage());
        } catch (IOException e) {
            throw new GuestError(HResults.E_FAIL, "cannot update " + containerId + ": " + e.getMessage());
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
            throw GuestError.of(HResults.V1_SYSTEM_NOT_FOUND);
        }
        return c;
    }

    /** Starts a process: the init process (no OCI process), an exec, or a process of the VM itself. */
    int execute(String containerId, GuestProcessParameters params, Connection in, Connection out,
                Connection err) throws GuestError {
        try {
            if (VM_ID.equals(containerId)) {
                return startVmProcess(params, in, out, err);
            }
            Container c = container(containerId);
            boolean init = params.ociProcess == null;
            if (init && c.init != null) {
                throw new GuestError(HResults.V1_INVALID_STATE, "container " + containerId + " already started its init process");
            }
            if (!init && (c.init == null || c.exited)) {
                throw new GuestError(HResults.V1_INVALID_STATE, "container " + containerId + " is not running");
            }
            io.hcs4j.schema.oci.Process process = init ? c.spec.process : params.ociProcess;
            if (process == null) {
                throw new GuestError(HResults.V1_INVALID_JSON, "the OCI spec has no process");
            }
            // The console size comes as ConsoleSize [height, width] or as the OCI process's consoleSize.
            List<Integer> size = params.consoleSize;
            boolean sized = size != null && size.size() == 2;
            int rows = sized ? size.get(0) : process.consoleSize == null ? 0 : (int) process.consoleSize.height;
            int cols = sized ? size.get(1) : process.consoleSize == null ? 0 : (int) process.consoleSize.width;
            AgentProcess p = startInContainer(c, process, params.emulateConsole, cols, rows, in, out, err);
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
            throw new GuestError(HResults.E_FAIL, "cannot start the process: " + e.getMessage());
        }
    }

    private AgentProcess startInContainer(Container c, io.hcs4j.schema.oci.Process process, boolean terminal,
                                          int cols, int rows,
                                          Connection in, Connection out, Connection err)
            throws IOException, GuestError {
        List<String> args = process.args == null ? List.of() : process.args;
        if (args.isEmpty()) {
            throw new GuestError(HResults.V1_INVALID_JSON, "the OCI process has no args");
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (String kv : process.env == null ? List.<String>of() : process.env) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                env.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        String cwd = process.cwd == null || process.cwd.isEmpty() ? "/" : process.cwd;
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
        if (process.terminal || terminal) {
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

    private int startVmProcess(GuestProcessParameters params, Connection in, Connection out,
                               Connection err) throws IOException, GuestError {
        List<String> command = new ArrayList<>();
        if (params.commandArgs != null) {
            command.addAll(params.commandArgs);
        }
        if (command.isEmpty()) {
            String line = orEmpty(params.commandLine);
            if (line.isEmpty()) {
                throw new GuestError(HResults.V1_INVALID_JSON, "a VM process needs CommandArgs or CommandLine");
            }
            command.addAll(List.of("/bin/sh", "-c", line));
        }
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        if (params.environment != null) {
            env.putAll(params.environment);
        }
        Path dir = Path.of(params.workingDirectory == null || params.workingDirectory.isEmpty() ? "/"
                : params.workingDirectory);
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
            throw GuestError.of(HResults.E_ELEMENT_NOT_FOUND);
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

    /**
     * As the reference GCS: the container is forgotten whatever its removal meets; its cgroup goes, then its scratch
     * and bundle directories (os.RemoveAll each). A combined rootfs still mounted in the bundle stays, and the
     * bundle cannot go: the host must remove the combined layers first.
     */
    void deleteState(String containerId) throws GuestError {
        Container c = container(containerId);
        if (c.init != null && !c.exited) {
            throw new GuestError(HResults.V1_INVALID_STATE, "container " + containerId + " is still running");
        }
        if (containers.remove(containerId) == null) {
            return;
        }
        c.releaseMounts();
        if (c.cgroup != null) {
            try {
                c.cgroup.remove();
            } catch (IOException e) {
                throw new GuestError(HResults.E_FAIL, "cannot remove the cgroup of " + containerId + ": " + e.getMessage());
            }
        }
        removeAll(c.scratchDir);
        removeAll(c.bundleDir);
    }

    /**
     * Go's os.RemoveAll: removes the tree, unlinking symbolic links without following them. A combined-layers
     * rootfs still mounted in it is left alone (the reference deletes through it; the lower layers are the
     * host's own files here), so the directories holding it are not empty.
     */
    private void removeAll(Path dir) throws GuestError {
        if (dir == null || !Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Set<Path> mounted = layers.keySet().stream().map(Path::of).collect(Collectors.toSet());
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
                    return mounted.contains(d) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                    if (!mounted.contains(f)) {
                        Files.delete(f);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (DirectoryNotEmptyException e) {
            throw new GuestError(HResults.E_FAIL, "unlinkat " + e.getFile() + ": directory not empty");
        } catch (IOException e) {
            throw new GuestError(HResults.E_FAIL, "cannot remove " + dir + ": " + e);
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

    /** The properties of a container; the guest answers V1 and V2 queries alike, with the V2 type. */
    ContainerPropertiesV2 properties(String containerId, List<String> propertyTypes) throws GuestError {
        Container c = container(containerId);
        ContainerPropertiesV2 properties = new ContainerPropertiesV2();
        for (String type : propertyTypes) {
            if (type.equals(PropertyType.PROCESS_LIST.value())) {
                properties.processList = new ArrayList<>();
                for (ProcessHandle h : live(c)) {
                    ProcessDetails details = new ProcessDetails();
                    details.processId = (int) h.pid();
                    properties.processList.add(details);
                }
            } else if (type.equals(PropertyType.STATISTICS.value())) {
                properties.metrics = statistics(c);
            } else {
                throw new GuestError(HResults.E_NOTIMPL, "property type " + type
                        + " is not supported by the emulated guest");
            }
        }
        return properties;
    }

    private Metrics statistics(Container c) throws GuestError {
        if (c.cgroup == null) {
            return ProcStats.metrics(live(c));
        }
        try {
            return CgroupStats.read(c.cgroup);
        } catch (IOException e) {
            throw new GuestError(HResults.E_FAIL, "cannot read the cgroup of " + c.id + ": " + e.getMessage());
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
        containers.values().forEach(Container::releaseMounts);
        mounts.removeAll();
        for (String rootPath : List.copyOf(layers.keySet())) {
            try {
                LCOWCombinedLayers settings = new LCOWCombinedLayers();
                settings.containerRootPath = rootPath;
                removeLayers(settings);
            } catch (GuestError e) {
                LOG.warn("cleaning up {}: {}", rootPath, e.getMessage());
            }
        }
    }
}
