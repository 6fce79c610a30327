package io.hcs4j.emulator.guest;

import io.hcs4j.emulator.guest.runtime.ContainerProcess;
import io.hcs4j.emulator.guest.runtime.ContainerRuntime;
import io.hcs4j.emulator.guest.runtime.RuntimeError;
import io.hcs4j.emulator.guest.runtime.Stdio;
import io.hcs4j.emulator.guest.runtime.runc.RuncRuntime;
import io.hcs4j.hcs.raw.HResults;
import io.hcs4j.platform.FileTrees;
import io.hcs4j.platform.PrivateDirectory;
import io.hcs4j.platform.posix.Posix;
import io.hcs4j.schema.Json;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * What the emulated guest runs, as the reference GCS keeps it (its hcsv2 layer): combined-layer root filesystems,
 * containers and their processes, and processes of the VM itself. A container is a bundle the agent writes
 * ({@link BundleSpec}) and hands to the one container runtime chosen at start: runc where it can run (root, runc
 * installed), the chroot fallback ({@link ChrootRuntime}) otherwise. The GCS's rules stay here, the same for both:
 * stdio connected before the process starts, exit codes held until the host closes stdout and stderr, a finished
 * exec forgotten once its exit has been delivered, exit notifications, error codes. With cgroups ({@link Cgroups})
 * each container has its own, where the runtime puts every process it runs. Network namespaces are bookkept as
 * the reference keeps them ({@link NetworkNamespaces}).
 */
final class GuestRuntime {
    static final String VM_ID = "00000000-0000-0000-0000-000000000000";
    /** CRI's annotations: "sandbox" or "container", and the sandbox a container belongs to. */
    private static final String CRI_CONTAINER_TYPE = "io.kubernetes.cri.container-type";
    private static final String CRI_SANDBOX_ID = "io.kubernetes.cri.sandbox-id";
    private static final Logger LOG = LoggerFactory.getLogger(GuestRuntime.class);
    /** "chroot" runs containers on the fallback runtime even where runc could run them (tests, benchmarks). */
    static final String RUNTIME_ENV = "HCS4J_GUEST_RUNTIME";
    /** Where runc is, when not where Debian puts it. */
    static final String RUNC_ENV = "HCS4J_RUNC";
    /** Where the agents keep their own files, one directory per VM (default: /run/hcs4j/guest as root). */
    static final String STATE_ENV = "HCS4J_GUEST_STATE_DIR";

    private final boolean root;
    private final Cgroups cgroups;
    private final String vm;
    private final GuestMounts mounts;
    private final NetworkNamespaces networks = new NetworkNamespaces();
    private final BiConsumer<String, String> exitNotifier;
    private final Map<String, Layers> layers = new ConcurrentHashMap<>();
    private final Map<String, Container> containers = new ConcurrentHashMap<>();
    private final Map<Integer, AgentProcess> vmProcesses = new ConcurrentHashMap<>();
    private final Path vmDir;
    /** The agent's own files: runc's state, the bundles of containers the host gave no OciBundlePath. */
    private final Path stateDir;
    /** The cgroups of created containers, for the chroot runtime, which puts their processes in them. */
    private final Map<String, ContainerCgroup> containerCgroups = new ConcurrentHashMap<>();
    private final ContainerRuntime runtime;

    private record Layers(Path root, boolean mounted) {
    }

    /** A process the host started in a container, and its exit code as the host receives it. */
    private record Started(ContainerProcess process, CompletableFuture<Integer> released) {
    }

    private final class Container {
        final String id;
        /** Null when the guest runs without cgroups. */
        final ContainerCgroup cgroup;
        /** What DeleteContainerState removes (null where the host named none). */
        final Path scratchDir;
        final Path bundleDir;
        final io.hcs4j.emulator.guest.runtime.Container container;
        /** The init (once started) and the execs whose exit has not been delivered. */
        final Map<Integer, Started> processes = new ConcurrentHashMap<>();
        volatile Started init;
        volatile boolean shutdownRequested;
        volatile boolean exited;

        Container(String id, ContainerCgroup cgroup, LinuxHostedSystem config,
                  io.hcs4j.emulator.guest.runtime.Container container) {
            this.id = id;
            this.cgroup = cgroup;
            this.scratchDir = pathOrNull(config.scratchDirPath);
            this.bundleDir = pathOrNull(config.ociBundlePath);
            this.container = container;
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
        this.vmDir = vmDir;
        this.stateDir = stateDir(vmDir, root);
        this.mounts = new GuestMounts(root, vmDir.resolve("devices"));
        this.exitNotifier = exitNotifier;
        this.runtime = selectRuntime();
    }

    /** The container runtime, chosen once and logged: runc where it can run, else the chroot fallback. */
    private ContainerRuntime selectRuntime() {
        String runc = System.getenv(RUNC_ENV);
        Choice choice = choose(root, System.getenv(RUNTIME_ENV),
                runc == null || runc.isEmpty() ? RuncRuntime.find() : Optional.of(Path.of(runc)).filter(Files::isExecutable));
        LOG.info("container runtime: {}", choice.reason());
        if (choice.runc() != null) {
            return new RuncRuntime(choice.runc(), stateDir.resolve("runc"));
        }
        return new ChrootRuntime(root, mounts, containerCgroups::get);
    }

    /**
     * The agent's own directory for a VM: {@value #STATE_ENV}/&lt;vm&gt;, by default /run/hcs4j/guest/&lt;vm&gt; as
     * root and the VM's socket directory's {@code state} otherwise. Outside the socket directory, which the VM's
     * end removes when it is empty; the launcher removes this one when the agent exits.
     */
    static Path stateDir(Path vmDir, boolean root) {
        String configured = System.getenv(STATE_ENV);
        if (configured != null && !configured.isEmpty()) {
            return Path.of(configured).resolve(Cgroups.vmName(vmDir));
        }
        return root ? PrivateDirectory.base().resolve("guest").resolve(Cgroups.vmName(vmDir)) : vmDir.resolve("state");
    }

    /** Which runtime runs containers ({@code runc} null: the fallback), and the one line that says why. */
    record Choice(Path runc, String reason) {
    }

    static Choice choose(boolean root, String wanted, Optional<Path> runc) {
        if ("chroot".equals(wanted)) {
            return new Choice(null, "chroot fallback (" + RUNTIME_ENV + "=chroot)");
        }
        if (!root) {
            return new Choice(null, "chroot fallback (runc needs root)");
        }
        if (runc.isEmpty()) {
            return new Choice(null, "chroot fallback (runc not found)");
        }
        return new Choice(runc.get(), "runc (" + runc.get() + ")");
    }

    String runtimeName() {
        return runtime.name();
    }

    GuestMounts mounts() {
        return mounts;
    }

    NetworkNamespaces networks() {
        return networks;
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
                // Shared, so that what the guest mounts in the rootfs later (a device) reaches a running container's
                // mount namespace, which runc makes a slave of it.
                run(List.of("mount", "--make-shared", rootPath));
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
        if (runtime instanceof ChrootRuntime chroot) {
            // Its bind mounts are in the agent's mount namespace, inside the rootfs.
            chroot.releaseMounts(l.root);
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

    /**
     * Creates a container: its network namespace and cgroup, then the bundle ({@code OciBundlePath}, or the VM's
     * {@code gcs/c/<id>}) with config.json for the runtime, which creates the container and its (unstarted) init.
     * Serialized, so an id is created once.
     */
    synchronized void create(String id, LinuxHostedSystem config) throws GuestError {
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
        assignNetworkNamespace(id, spec);
        ContainerCgroup cgroup = null;
        try {
            cgroup = createCgroup(id, spec);
            Path bundle = config.ociBundlePath == null || config.ociBundlePath.isEmpty()
                    ? stateDir.resolve("c").resolve(id) : Path.of(config.ociBundlePath);
            BundleSpec.write(bundle, spec, rootfs, cgroup == null ? null : Cgroups.containerPath(vm, id));
            if (cgroup != null) {
                containerCgroups.put(id, cgroup);
            }
            io.hcs4j.emulator.guest.runtime.Container created = runtime.createContainer(id, bundle, Stdio.NONE);
            containers.put(id, new Container(id, cgroup, config, created));
        } catch (GuestError | RuntimeError | IOException e) {
            containerCgroups.remove(id);
            removeCgroup(id, cgroup);
            networks.release(id);
            throw e instanceof GuestError g ? g : e instanceof RuntimeError r ? guestError(r)
                    : new GuestError(HResults.E_FAIL, "cannot write the bundle of " + id + ": " + e.getMessage());
        }
    }

    static GuestError guestError(RuntimeError e) {
        return new GuestError(e.hresult(), e.getMessage());
    }

    /**
     * As the reference GCS: a pod sandbox takes the namespace named in {@code windows.network.networkNamespace},
     * which the host must have added; a standalone container takes its namespace (an empty name is one too), so
     * a second container without one is refused; a pod's container shares its sandbox's.
     */
    private void assignNetworkNamespace(String id, Spec spec) throws GuestError {
        String type = spec.annotations == null ? "" : spec.annotations.getOrDefault(CRI_CONTAINER_TYPE, "");
        String namespace = spec.windows == null || spec.windows.network == null ? ""
                : orEmpty(spec.windows.network.networkNamespace);
        java.util.function.IntSupplier pid = () -> {
            Container c = containers.get(id);
            Started init = c == null ? null : c.init;
            return init == null ? 0 : init.process().pid();
        };
        switch (type) {
            case "" -> networks.assign(namespace, id, pid);
            case "sandbox" -> networks.assignKnown(namespace, id, pid);
            case "container" -> {
                String sandbox = spec.annotations.getOrDefault(CRI_SANDBOX_ID, "");
                if (sandbox.isEmpty()) {
                    throw new GuestError(HResults.E_FAIL, "unsupported '" + CRI_SANDBOX_ID + "': ''");
                }
            }
            default -> throw new GuestError(HResults.E_FAIL, "unsupported '" + CRI_CONTAINER_TYPE + "': '" + type + "'");
        }
    }

    private ContainerCgroup createCgroup(String id, Spec spec) throws GuestError {
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
        return cgroup;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Go writes an unset path as "". */
    private static Path pathOrNull(String s) {
        return s == null || s.isEmpty() ? null : Path.of(s);
    }

    /** ContainerConstraints Update: the container's cgroup takes the new resources. */
    void update(String containerId, LinuxResources resources) throws GuestError {
        Container c = container(containerId);
        if (c.cgroup == null) {
            throw new GuestError(HResults.E_NOTIMPL, "the emulated guest enforces resource limits only as root with "
                    + "writable cgroups; it runs without them");
        }
        if (resources == null) {
            throw new GuestError(HResults.E_INVALIDARG, "ContainerConstraints needs Linux (OCI LinuxResources)");
        }
        try {
            // The guest's own check and write first (its errors name the field), then the runtime's record of them.
            c.cgroup.apply(resources);
            c.container.update(resources);
        } catch (IllegalArgumentException e) {
            throw new GuestError(HResults.E_INVALIDARG, e.getMessage());
        } catch (IOException e) {
            throw new GuestError(HResults.E_FAIL, "cannot update " + containerId + ": " + e.getMessage());
        } catch (RuntimeError e) {
            throw guestError(e);
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

    /** Fails as the reference does for a container it does not know. */
    void requireContainer(String id) throws GuestError {
        container(id);
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
        if (VM_ID.equals(containerId)) {
            try {
                return startVmProcess(params, in, out, err);
            } catch (IOException e) {
                throw new GuestError(HResults.E_FAIL, "cannot start the process: " + e.getMessage());
            }
        }
        Container c = container(containerId);
        Stdio stdio = new Stdio(in, out, err);
        try {
            synchronized (c) {
                return params.ociProcess == null ? startInit(c, stdio) : startExec(c, params, stdio);
            }
        } catch (RuntimeError e) {
            throw guestError(e);
        }
    }

    /** Connects the init's stdio, then starts it (runc start), as the reference does. */
    private int startInit(Container c, Stdio stdio) throws GuestError, RuntimeError {
        if (c.init != null) {
            throw new GuestError(HResults.V1_INVALID_STATE, "container " + c.id + " already started its init process");
        }
        c.container.relay().connect(stdio);
        c.container.start();
        Started init = started(c.container);
        c.init = init;
        c.processes.put(c.container.pid(), init);
        init.released().whenComplete((code, e) -> initDone(c));
        return c.container.pid();
    }

    private int startExec(Container c, GuestProcessParameters params, Stdio stdio) throws GuestError, RuntimeError {
        if (c.init == null || c.exited) {
            throw new GuestError(HResults.V1_INVALID_STATE, "container " + c.id + " is not running");
        }
        io.hcs4j.schema.oci.Process process = params.ociProcess;
        if (params.emulateConsole && !process.terminal) {
            process = Json.convert(process, io.hcs4j.schema.oci.Process.class);
            process.terminal = true;
        }
        ContainerProcess p = c.container.execProcess(process, stdio);
        c.processes.put(p.pid(), started(p));
        return p.pid();
    }

    /** As the GCS: the exit code is released once the process has ended and the host has closed stdout/stderr. */
    private static Started started(ContainerProcess p) {
        return new Started(p, p.exited().thenCombine(p.relay().done(), (code, v) -> code));
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
        // The agent's place in the pool is its own: a VM's process has no business with it.
        env.remove(PooledAgent.ENTRY_ENV);
        env.remove(PooledAgent.IDLE_ENV);
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
        try {
            c.container.kill(Posix.SIGKILL, true);
        } catch (RuntimeError nothingLeft) {
            // The container has no process left.
        }
        if (c.cgroup != null) {
            c.cgroup.killAll();
        }
        exitNotifier.accept(c.id, c.shutdownRequested ? "GracefulExit" : "UnexpectedExit");
    }

    private Started started(String containerId, int pid) throws GuestError {
        Started p = container(containerId).processes.get(pid);
        if (p == null) {
            throw GuestError.of(HResults.E_ELEMENT_NOT_FOUND);
        }
        return p;
    }

    /**
     * Waits for a process's exit code as the host receives it: once it has ended and stdout/stderr are closed
     * ({@code timeoutMs} 0: no limit; then 0xC0370109). A finished exec (or VM process) is then forgotten, as the
     * seeds' Process.Delete does, so that a long-lived container does not keep every exec it ever ran; a container's
     * init stays until the container's state is deleted.
     */
    int awaitExit(String containerId, int pid, long timeoutMs) throws GuestError {
        CompletableFuture<Integer> released;
        if (VM_ID.equals(containerId)) {
            AgentProcess p = vmProcesses.get(pid);
            if (p == null) {
                throw GuestError.of(HResults.E_ELEMENT_NOT_FOUND);
            }
            released = p.released();
        } else {
            released = started(containerId, pid).released();
        }
        int code;
        try {
            code = timeoutMs == 0 ? released.get() : released.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw GuestError.of(HResults.V1_CONNECTION_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GuestError.of(HResults.E_FAIL);
        } catch (ExecutionException e) {
            throw new GuestError(HResults.E_FAIL, "waiting for the process failed: " + e.getCause());
        }
        forget(containerId, pid);
        return code;
    }

    private void forget(String containerId, int pid) {
        if (VM_ID.equals(containerId)) {
            vmProcesses.remove(pid);
            return;
        }
        Container c = containers.get(containerId);
        Started p = c == null ? null : c.processes.get(pid);
        if (p != null && p != c.init && c.processes.remove(pid, p)) {
            try {
                p.process().delete();
            } catch (RuntimeError e) {
                LOG.warn("exec {} of {}: {}", pid, containerId, e.getMessage());
            }
        }
    }

    /** How many processes the host can still wait for in a container (its init and undelivered execs). */
    int processCount(String containerId) throws GuestError {
        return container(containerId).processes.size();
    }

    void resize(String containerId, int pid, int cols, int rows) throws GuestError {
        if (VM_ID.equals(containerId)) {
            throw new GuestError(HResults.V1_INVALID_STATE, "process " + pid + " has no terminal");
        }
        try {
            started(containerId, pid).process().relay().resize(cols, rows);
        } catch (RuntimeError e) {
            throw guestError(e);
        }
    }

    /** Signals a process; 0x80070490 once it has ended. A container's init is signalled through the runtime. */
    void signal(String containerId, int pid, int signal) throws GuestError {
        if (VM_ID.equals(containerId)) {
            AgentProcess p = vmProcesses.get(pid);
            if (p == null) {
                throw GuestError.of(HResults.E_ELEMENT_NOT_FOUND);
            }
            p.signal(signal);
            return;
        }
        Container c = container(containerId);
        Started p = started(containerId, pid);
        if (p.process().exited().isDone()) {
            throw GuestError.of(HResults.E_ELEMENT_NOT_FOUND);
        }
        if (p == c.init) {
            try {
                c.container.kill(signal, false);
            } catch (RuntimeError e) {
                throw GuestError.of(HResults.E_ELEMENT_NOT_FOUND);
            }
        } else if (!Posix.kill(pid, signal)) {
            throw GuestError.of(HResults.E_ELEMENT_NOT_FOUND);
        }
    }

    void shutdown(String containerId, boolean graceful) throws GuestError {
        Container c = container(containerId);
        c.shutdownRequested = true;
        Started init = c.init;
        if (init != null && !init.process().exited().isDone()) {
            try {
                c.container.kill(graceful ? Posix.SIGTERM : Posix.SIGKILL, false);
            } catch (RuntimeError exitedMeanwhile) {
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
        networks.release(containerId);
        containerCgroups.remove(containerId);
        try {
            c.container.delete();
        } catch (RuntimeError e) {
            LOG.warn("the runtime did not delete {}: {}", containerId, e.getMessage());
        }
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

    /** Live processes of the container, as its runtime lists them. */
    private static List<ProcessHandle> live(Container c) throws GuestError {
        try {
            return c.container.runningProcesses().stream().map(p -> ProcessHandle.of(p.pid()))
                    .flatMap(Optional::stream).toList();
        } catch (RuntimeError e) {
            throw guestError(e);
        }
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
        List<CompletableFuture<?>> exits = new ArrayList<>();
        vmProcesses.values().forEach(p -> {
            p.kill();
            exits.add(p.exited());
        });
        for (Container c : containers.values()) {
            try {
                c.container.kill(Posix.SIGKILL, true);
            } catch (RuntimeError nothingLeft) {
                // Already stopped.
            }
            c.processes.values().forEach(p -> exits.add(p.process().exited()));
        }
        // A busy rootfs cannot be unmounted: let the killed processes go first (SIGKILL is quick).
        try {
            CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("processes still running after SIGKILL: {}", e.toString());
        }
        // The runtime's containers (runc's state, the fallback's bind mounts, which may be inside a rootfs) first.
        for (Container c : containers.values()) {
            try {
                c.container.delete();
            } catch (RuntimeError e) {
                LOG.warn("the runtime did not delete {}: {}", c.id, e.getMessage());
            }
        }
        if (cgroups != null) {
            cgroups.removeVm(vm);
        }
        try {
            FileTrees.delete(stateDir);
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", stateDir, e.getMessage());
        }
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
