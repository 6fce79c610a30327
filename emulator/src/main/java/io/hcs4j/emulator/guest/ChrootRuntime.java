package io.hcs4j.emulator.guest;

import io.hcs4j.emulator.guest.runtime.Container;
import io.hcs4j.emulator.guest.runtime.ContainerProcess;
import io.hcs4j.emulator.guest.runtime.ContainerProcessState;
import io.hcs4j.emulator.guest.runtime.ContainerRuntime;
import io.hcs4j.emulator.guest.runtime.ContainerState;
import io.hcs4j.emulator.guest.runtime.RuntimeError;
import io.hcs4j.emulator.guest.runtime.Stdio;
import io.hcs4j.emulator.guest.runtime.StdioRelay;
import io.hcs4j.hcs.raw.HResults;
import io.hcs4j.platform.posix.Posix;
import io.hcs4j.schema.Json;
import io.hcs4j.schema.SchemaException;
import io.hcs4j.schema.oci.LinuxResources;
import io.hcs4j.schema.oci.Process;
import io.hcs4j.schema.oci.Spec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The fallback container runtime, for where runc cannot run (no root, or no runc): processes are the agent's own
 * children, chrooted into the rootfs (util-linux {@code unshare --root}) as the spec's user when the agent is root,
 * otherwise run from the rootfs directory with its binaries first on PATH. As root a container's init is PID 1 of
 * its own PID namespace (a signal it has no handler for does nothing; SIGKILL ends it), execs run in the agent's;
 * each process joins the container's cgroup before it execs. Not applied: the other namespaces, capabilities,
 * seccomp, rlimits, masked and read-only paths, mounts other than bind, hostname, hooks, supplementary groups.
 */
final class ChrootRuntime implements ContainerRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(ChrootRuntime.class);

    /** Joins the cgroups named by its first arguments, then becomes the container's process (same pid). */
    private static final String ENTER_CGROUP = "n=$1; shift; while [ \"$n\" -gt 0 ]; do echo $$ > \"$1\" || exit 126; "
            + "shift; n=$((n-1)); done; exec \"$@\"";

    /** The parent of a container's init in its own PID namespace: forks once (the init), reports its status. */
    private static final String PID_NAMESPACE_PARENT = "trap : HUP INT QUIT TERM; \"$@\"; exit $?";
    private static final long NAMESPACE_INIT_TIMEOUT_MILLIS = 5000;
    private static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private final boolean root;
    private final GuestMounts mounts;
    /** A container's cgroup by its id; null without cgroups. */
    private final Function<String, ContainerCgroup> cgroups;
    private final Map<String, ChrootContainer> containers = new ConcurrentHashMap<>();

    ChrootRuntime(boolean root, GuestMounts mounts, Function<String, ContainerCgroup> cgroups) {
        this.root = root;
        this.mounts = mounts;
        this.cgroups = cgroups;
    }

    @Override
    public String name() {
        return "chroot";
    }

    @Override
    public Container createContainer(String id, Path bundle, Stdio stdio) throws RuntimeError {
        Spec spec;
        try {
            spec = Json.read(Files.readString(bundle.resolve("config.json")), Spec.class);
        } catch (IOException | SchemaException e) {
            throw RuntimeError.failed("cannot read " + bundle.resolve("config.json") + ": " + e.getMessage());
        }
        if (containers.containsKey(id)) {
            throw RuntimeError.alreadyExists(id);
        }
        Path rootfs = Path.of(spec.root.path);
        if (!Files.isDirectory(rootfs)) {
            throw RuntimeError.failed("rootfs (" + rootfs + ") does not exist");
        }
        List<Path> binds;
        try {
            binds = mounts.bindSpecMounts(id, rootfs, spec.mounts == null ? List.of() : spec.mounts);
        } catch (GuestError e) {
            throw new RuntimeError(e.hresult, e.getMessage());
        }
        ChrootContainer c = new ChrootContainer(id, bundle, spec, rootfs, cgroups.apply(id), binds);
        containers.put(id, c);
        c.initRelay.connect(stdio);
        return c;
    }

    @Override
    public List<ContainerState> listContainerStates() {
        return containers.values().stream().map(ChrootContainer::state).toList();
    }

    /**
     * Where a stdio relay of an agent process stands: the init's is given its connections before the process
     * exists (the GCS connects, then starts).
     */
    private static final class ChrootRelay implements StdioRelay {
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private volatile Stdio stdio = Stdio.NONE;
        private volatile AgentProcess process;

        @Override
        public void connect(Stdio connections) {
            if (process == null) {
                stdio = connections;
            }
        }

        void attach(AgentProcess p) {
            process = p;
            p.outputDone().whenComplete((v, e) -> done.complete(null));
        }

        @Override
        public CompletableFuture<Void> done() {
            return done;
        }

        @Override
        public void resize(int cols, int rows) throws RuntimeError {
            try {
                process.resize(cols, rows);
            } catch (GuestError e) {
                throw new RuntimeError(e.hresult, e.getMessage());
            }
        }

        @Override
        public void close() {
            if (process == null) {
                stdio.close();
                done.complete(null);
            }
        }
    }

    private record ChrootProcess(AgentProcess process, ChrootRelay relay) implements ContainerProcess {
        @Override
        public int pid() {
            return process.pid();
        }

        @Override
        public CompletableFuture<Integer> exited() {
            return process.exitCode();
        }

        @Override
        public void delete() {
        }
    }

    private final class ChrootContainer implements Container {
        final String id;
        final Path bundle;
        final Spec spec;
        final Path rootfs;
        final ContainerCgroup cgroup;
        final List<Path> binds;
        final ChrootRelay initRelay = new ChrootRelay();
        final CompletableFuture<Integer> exited = new CompletableFuture<>();
        final Set<AgentProcess> processes = ConcurrentHashMap.newKeySet();
        volatile AgentProcess init;
        private boolean bindsReleased;

        ChrootContainer(String id, Path bundle, Spec spec, Path rootfs, ContainerCgroup cgroup, List<Path> binds) {
            this.id = id;
            this.bundle = bundle;
            this.spec = spec;
            this.rootfs = rootfs;
            this.cgroup = cgroup;
            this.binds = binds;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public int pid() {
            AgentProcess p = init;
            return p == null ? 0 : p.pid();
        }

        @Override
        public CompletableFuture<Integer> exited() {
            return exited;
        }

        @Override
        public StdioRelay relay() {
            return initRelay;
        }

        @Override
        public boolean exists() {
            return containers.get(id) == this;
        }

        @Override
        public synchronized void start() throws RuntimeError {
            if (init != null) {
                throw RuntimeError.notStopped(id);
            }
            if (spec.process == null) {
                throw new RuntimeError(HResults.V1_INVALID_JSON, "the OCI spec has no process");
            }
            AgentProcess p = run(spec.process, true, initRelay.stdio);
            init = p;
            initRelay.attach(p);
            p.exitCode().whenComplete((code, e) -> exited.complete(code == null ? 255 : code));
        }

        @Override
        public ContainerProcess execProcess(Process process, Stdio stdio) throws RuntimeError {
            AgentProcess p = run(process, false, stdio);
            ChrootRelay relay = new ChrootRelay();
            relay.attach(p);
            return new ChrootProcess(p, relay);
        }

        private AgentProcess run(Process process, boolean isInit, Stdio stdio) throws RuntimeError {
            int rows = process.consoleSize == null ? 0 : (int) process.consoleSize.height;
            int cols = process.consoleSize == null ? 0 : (int) process.consoleSize.width;
            AgentProcess p;
            try {
                p = startInContainer(this, process, isInit, cols, rows, stdio);
                if (cgroup != null) {
                    try {
                        cgroup.join(p.pid());
                    } catch (IOException e) {
                        p.kill();
                        throw e;
                    }
                }
            } catch (IOException e) {
                stdio.close();
                throw RuntimeError.failed("cannot start the process: " + e.getMessage());
            } catch (RuntimeError e) {
                stdio.close();
                throw e;
            }
            processes.add(p);
            p.exitCode().whenComplete((code, e) -> processes.remove(p));
            return p;
        }

        @Override
        public void kill(int signal, boolean all) throws RuntimeError {
            if (all) {
                live(this).forEach(h -> Posix.kill(h.pid(), signal));
                return;
            }
            AgentProcess p = init;
            if (p == null || !p.isAlive()) {
                throw RuntimeError.notRunning(id);
            }
            try {
                p.signal(signal);
            } catch (GuestError e) {
                throw RuntimeError.notRunning(id);
            }
        }

        @Override
        public void pause() {
            live(this).forEach(h -> Posix.kill(h.pid(), Posix.SIGSTOP));
        }

        @Override
        public void resume() {
            live(this).forEach(h -> Posix.kill(h.pid(), Posix.SIGCONT));
        }

        @Override
        public ContainerState state() {
            AgentProcess p = init;
            String status = p == null ? "created" : p.isAlive() ? "running" : "stopped";
            return new ContainerState(spec.version, id, pid(), bundle.toString(), rootfs.toString(), status, "");
        }

        @Override
        public List<ContainerProcessState> runningProcesses() {
            AgentProcess p = init;
            return live(this).stream().map(h -> new ContainerProcessState((int) h.pid(),
                    h.info().commandLine().map(List::of).orElse(List.of()),
                    processes.stream().anyMatch(a -> a.pid() == h.pid()) || p != null && p.pid() == h.pid(), false))
                    .toList();
        }

        @Override
        public List<ContainerProcessState> allProcesses() {
            return runningProcesses();
        }

        @Override
        public void update(LinuxResources resources) throws RuntimeError {
            if (cgroup == null) {
                throw new RuntimeError(HResults.E_NOTIMPL, "the container has no cgroup");
            }
            try {
                cgroup.apply(resources);
            } catch (IllegalArgumentException e) {
                throw new RuntimeError(HResults.E_INVALIDARG, e.getMessage());
            } catch (IOException e) {
                throw RuntimeError.failed("cannot update " + id + ": " + e.getMessage());
            }
        }

        /** Kills what is left and unmounts the spec's bind mounts; the container is forgotten. */
        @Override
        public void delete() {
            processes.forEach(AgentProcess::kill);
            releaseMounts();
            initRelay.close();
            containers.remove(id, this);
        }

        /**
         * Unmounts the spec's bind mounts, once. runc makes them in the container's own mount namespace, where they
         * neither outlive its processes nor keep the guest from unmounting the rootfs; here they share the agent's.
         */
        synchronized void releaseMounts() {
            if (!bindsReleased) {
                bindsReleased = true;
                GuestMounts.unbind(binds);
            }
        }
    }

    /** Unmounts the bind mounts of the containers on {@code rootfs}, before the rootfs itself goes. */
    void releaseMounts(Path rootfs) {
        containers.values().stream().filter(c -> c.rootfs.equals(rootfs)).forEach(ChrootContainer::releaseMounts);
    }

    /** Every process the runtime runs gets SIGKILL (the VM goes down). */
    List<CompletableFuture<Integer>> killAll() {
        List<CompletableFuture<Integer>> exits = new ArrayList<>();
        for (ChrootContainer c : containers.values()) {
            for (AgentProcess p : c.processes) {
                p.kill();
                exits.add(p.exitCode());
            }
        }
        return exits;
    }

    /** Live processes of the container: its cgroup's, or the ones it started and their descendants. */
    private static List<ProcessHandle> live(ChrootContainer c) {
        if (c.cgroup != null) {
            try {
                return c.cgroup.processes().stream().map(ProcessHandle::of).flatMap(java.util.Optional::stream).toList();
            } catch (IOException e) {
                LOG.warn("cannot list the cgroup of {}: {}", c.id, e.getMessage());
            }
        }
        Set<ProcessHandle> all = new LinkedHashSet<>();
        for (AgentProcess p : c.processes) {
            ProcessHandle h = p.handle();
            if (h.isAlive()) {
                all.add(h);
                h.descendants().filter(ProcessHandle::isAlive).forEach(all::add);
            }
        }
        return new ArrayList<>(all);
    }

    private AgentProcess startInContainer(ChrootContainer c, Process process, boolean init, int cols, int rows,
                                          Stdio stdio) throws IOException, RuntimeError {
        List<String> args = process.args == null ? List.of() : process.args;
        if (args.isEmpty()) {
            throw new RuntimeError(HResults.V1_INVALID_JSON, "the OCI process has no args");
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (String kv : process.env == null ? List.<String>of() : process.env) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                env.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        String cwd = process.cwd == null || process.cwd.isEmpty() ? "/" : process.cwd;
        if (!init) {
            // runc refuses an exec whose program is missing before it starts anything.
            requireExecutable(c, args.get(0), env.getOrDefault("PATH", DEFAULT_PATH));
        }
        List<String> command = new ArrayList<>();
        boolean ownPidNamespace = root && init;
        if (ownPidNamespace) {
            // The init is PID 1 of its own PID namespace, as under runc: the parent shell stays outside the
            // container (and its cgroup) and reports the init's exit status, 128+n for a signal.
            command.addAll(List.of("unshare", "--pid", "/bin/sh", "-c", PID_NAMESPACE_PARENT, "hcs4j-pid-ns"));
        }
        if (c.cgroup != null) {
            // The process joins the container's cgroups before it execs, so nothing it forks escapes them.
            List<Path> procs = c.cgroup.procsFiles();
            command.addAll(List.of("/bin/sh", "-c", ENTER_CGROUP, "hcs4j-cgroup", Integer.toString(procs.size())));
            procs.forEach(p -> command.add(p.toString()));
        }
        Path dir;
        if (root) {
            // util-linux unshare without namespace flags: chroot into the rootfs, chdir to cwd there and become the
            // spec's user (uid and gid; supplementary groups are dropped).
            command.addAll(List.of("unshare", "--root=" + c.rootfs, "--wd=" + cwd));
            if (process.user != null && (process.user.uid != 0 || process.user.gid != 0)) {
                command.addAll(List.of("--setuid", Long.toString(process.user.uid),
                        "--setgid", Long.toString(process.user.gid)));
            }
            command.addAll(args);
            dir = Path.of("/");
        } else {
            String path = env.getOrDefault("PATH", "/usr/bin:/bin");
            String inRootfs = Arrays.stream(path.split(":"))
                    .map(p -> c.rootfs.resolve(p.startsWith("/") ? p.substring(1) : p).toString())
                    .collect(Collectors.joining(":"));
            env.put("PATH", inRootfs + ":" + path);
            command.add(resolve(args.get(0), env.get("PATH")));
            command.addAll(args.subList(1, args.size()));
            dir = c.rootfs.resolve(cwd.startsWith("/") ? cwd.substring(1) : cwd);
        }
        AgentProcess p;
        if (process.terminal) {
            env.putIfAbsent("TERM", "xterm");
            p = AgentProcess.startWithTerminal(command, env, dir, stdio.in(), stdio.out(), cols, rows);
        } else {
            p = AgentProcess.start(command, env, dir, stdio.in(), stdio.out(), stdio.err());
        }
        if (ownPidNamespace) {
            p.followNamespaceInit(NAMESPACE_INIT_TIMEOUT_MILLIS);
        }
        return p;
    }

    /** Fails as runc does when an exec's program is not in the container: 0x80004005, nothing started. */
    private void requireExecutable(ChrootContainer c, String program, String path) throws RuntimeError {
        List<String> candidates = program.contains("/") ? List.of(program)
                : Arrays.stream(path.split(":")).filter(d -> !d.isEmpty()).map(d -> d + "/" + program).toList();
        for (String candidate : candidates) {
            Path inRootfs = GuestMounts.resolveInRoot(c.rootfs, candidate);
            if (inRootfs != null && Files.isRegularFile(inRootfs) && Files.isExecutable(inRootfs)) {
                return;
            }
            if (!root && !program.contains("/") && Files.isExecutable(Path.of(candidate))) {
                // Without chroot the guest also runs programs from its own PATH.
                return;
            }
        }
        String reason = program.contains("/") ? "stat " + program + ": no such file or directory"
                : "executable file not found in $PATH";
        throw RuntimeError.failed("runc exec failed: unable to start container process: exec: \""
                + program + "\": " + reason);
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
}
