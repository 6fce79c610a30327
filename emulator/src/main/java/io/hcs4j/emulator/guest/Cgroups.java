package io.hcs4j.emulator.guest;

import io.hcs4j.platform.posix.Posix;
import io.hcs4j.schema.oci.LinuxResources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The cgroup hierarchy the emulated guest puts containers in, as the reference GCS runs each container in its
 * own cgroup: {@code <hierarchy>/hcs4j/<vm>/<container>}, in every v1 controller the guest uses or once in the
 * v2 unified hierarchy (like a container engine's cgroupfs driver). The per-VM parent lets a crashed VM be
 * cleaned up as a whole.
 */
final class Cgroups {
    static final Path DEFAULT_ROOT = Path.of("/sys/fs/cgroup");
    static final String PARENT = "hcs4j";
    /** v1 controllers a container needs (limits and statistics), and ones used where mounted. */
    static final List<String> V1_REQUIRED = List.of("memory", "cpu", "cpuacct", "pids");
    static final List<String> V1_OPTIONAL = List.of("cpuset", "blkio", "freezer", "hugetlb");
    /** v2 controllers enabled for containers where the kernel offers them. */
    static final List<String> V2_CONTROLLERS = List.of("cpu", "cpuset", "memory", "pids", "io", "hugetlb");
    private static final Logger LOG = LoggerFactory.getLogger(Cgroups.class);
    private static final long REMOVE_TIMEOUT_MS = 5_000;
    private static final long CPU_PERIOD_US = 100_000;

    final Path root;
    final boolean v2;
    /** v1: the controller directories in use; v2: the root alone. */
    private final List<Path> hierarchies;

    private Cgroups(Path root, boolean v2, List<Path> hierarchies) {
        this.root = root;
        this.v2 = v2;
        this.hierarchies = hierarchies;
    }

    /** The outcome of looking for usable cgroups: the hierarchy, or why there is none. */
    record Detection(Cgroups cgroups, String reason) {
    }

    /**
     * Finds a writable v2 or v1 hierarchy under {@code root} (needs root privileges) and makes the shared parent
     * there, so that a hierarchy the guest cannot use (read-only, or a v2 cgroup namespace whose root holds
     * processes and so cannot hand controllers down) means running without cgroups, not failing every Create.
     */
    static Detection detect(Path root) {
        Detection found = find(root);
        if (found.cgroups == null) {
            return found;
        }
        try {
            for (Path hierarchy : found.cgroups.hierarchies) {
                if (found.cgroups.v2) {
                    enable(hierarchy);
                }
                mkdir(hierarchy.resolve(PARENT));
                if (found.cgroups.v2) {
                    enable(hierarchy.resolve(PARENT));
                }
            }
        } catch (IOException e) {
            return new Detection(null, "cannot set up " + PARENT + " cgroups under " + root + ": " + e.getMessage());
        }
        return found;
    }

    private static Detection find(Path root) {
        if (!Posix.isRoot()) {
            return new Detection(null, "the guest agent does not run as root");
        }
        if (Files.isRegularFile(root.resolve("cgroup.controllers"))) {
            if (!Files.isWritable(root.resolve("cgroup.subtree_control"))) {
                return new Detection(null, "the cgroup v2 hierarchy at " + root + " is not writable");
            }
            return new Detection(new Cgroups(root, true, List.of(root)), null);
        }
        List<Path> dirs = new ArrayList<>();
        for (String controller : V1_REQUIRED) {
            Path dir = root.resolve(controller);
            if (!Files.isRegularFile(dir.resolve("cgroup.procs")) || !Files.isWritable(dir)) {
                return new Detection(null, "no writable cgroup v1 controller " + controller + " at " + dir);
            }
            dirs.add(dir);
        }
        for (String controller : V1_OPTIONAL) {
            Path dir = root.resolve(controller);
            if (Files.isRegularFile(dir.resolve("cgroup.procs")) && Files.isWritable(dir)) {
                dirs.add(dir);
            }
        }
        // cpu and cpuacct are often one mount (cpu,cpuacct with two links to it): use it once.
        List<Path> distinct = new ArrayList<>();
        for (Path dir : dirs) {
            if (distinct.stream().noneMatch(d -> sameDir(d, dir))) {
                distinct.add(dir);
            }
        }
        return new Detection(new Cgroups(root, false, distinct), null);
    }

    private static boolean sameDir(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /** The cgroup name of a VM: its socket directory's name, which both the launcher and the agent know. */
    static String vmName(Path vmDir) {
        return vmDir.getFileName().toString();
    }

    /** The container's cgroup as an OCI spec's {@code linux.cgroupsPath} names it (under each hierarchy). */
    static String containerPath(String vm, String container) {
        return "/" + PARENT + "/" + vm + "/" + container;
    }

    /** Creates the container's cgroup (and its parents) and applies the spec's resources. */
    ContainerCgroup create(String vm, String container, LinuxResources resources) throws IOException {
        if (!ContainerCgroup.NAME.matcher(container).matches()) {
            throw new IOException("container id " + container + " cannot name a cgroup");
        }
        List<Path> dirs = new ArrayList<>();
        for (Path hierarchy : hierarchies) {
            Path dir = vmCgroup(hierarchy, vm).resolve(container);
            if (Files.exists(dir)) {
                throw new IOException("cgroup " + dir + " already exists");
            }
            mkdir(dir);
            dirs.add(dir);
        }
        ContainerCgroup cgroup = new ContainerCgroup(v2, dirs);
        try {
            cgroup.apply(resources);
        } catch (IOException | RuntimeException e) {
            cgroup.remove();
            throw e;
        }
        return cgroup;
    }

    /** The VM's cgroup, the parent of its containers' (the reference GCS's /pods), made with its parents if missing. */
    private Path vmCgroup(Path hierarchy, String vm) throws IOException {
        Path parent = hierarchy.resolve(PARENT);
        Path vmDir = parent.resolve(vm);
        if (v2) {
            enable(hierarchy);
            mkdir(parent);
            enable(parent);
            mkdir(vmDir);
            enable(vmDir);
        } else {
            mkdir(parent);
            mkdir(vmDir);
        }
        return vmDir;
    }

    /** Limits the memory of all the VM's containers together, as the reference GCS limits its /pods cgroup. */
    void limitVmMemory(String vm, long bytes) throws IOException {
        for (Path hierarchy : hierarchies) {
            if (v2) {
                Files.writeString(vmCgroup(hierarchy, vm).resolve("memory.max"), Long.toString(bytes));
            } else if (Files.isRegularFile(hierarchy.resolve("memory.limit_in_bytes"))) {
                Files.writeString(vmCgroup(hierarchy, vm).resolve("memory.limit_in_bytes"), Long.toString(bytes));
            }
        }
    }

    /**
     * Holds all the VM's containers together to the VM's processor limits, as HCS holds a VM's virtual processors:
     * {@code limit} thousandths of a percent of {@code processors} processors' time (0 or 100000: no limit), and
     * {@code weight} 1..10000 relative to the default 100 (0: the default).
     */
    void limitVmProcessors(String vm, int processors, long limit, long weight) throws IOException {
        boolean limited = limit > 0 && limit < 100_000;
        long quota = limited ? Math.max(1_000, processors * CPU_PERIOD_US * limit / 100_000) : -1;
        long relative = weight > 0 ? weight : 100;
        for (Path hierarchy : hierarchies) {
            if (v2) {
                Path dir = vmCgroup(hierarchy, vm);
                Files.writeString(dir.resolve("cpu.max"), (limited ? Long.toString(quota) : "max") + " " + CPU_PERIOD_US);
                Files.writeString(dir.resolve("cpu.weight"), Long.toString(Math.min(10_000, relative)));
            } else if (Files.isRegularFile(hierarchy.resolve("cpu.cfs_quota_us"))) {
                Path dir = vmCgroup(hierarchy, vm);
                Files.writeString(dir.resolve("cpu.cfs_period_us"), Long.toString(CPU_PERIOD_US));
                Files.writeString(dir.resolve("cpu.cfs_quota_us"), Long.toString(quota));
                Files.writeString(dir.resolve("cpu.shares"), Long.toString(Math.max(2, relative * 1024 / 100)));
            }
        }
    }

    /** Creates a cgroup directory if missing; v1 cpuset: a cgroup has no cpus or memory nodes until given its parent's. */
    private static void mkdir(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            try {
                Files.createDirectory(dir);
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // Another container of the VM made it meanwhile.
            }
        }
        if (Files.exists(dir.resolve("cgroup.controllers"))) {
            return;
        }
        for (String file : List.of("cpuset.cpus", "cpuset.mems")) {
            Path f = dir.resolve(file);
            if (Files.exists(f) && Files.readString(f).isBlank()) {
                Files.writeString(f, Files.readString(dir.getParent().resolve(file)).strip());
            }
        }
    }

    /** v2: lets the children of {@code dir} use the controllers the kernel offers there. */
    private static void enable(Path dir) throws IOException {
        List<String> available = List.of(Files.readString(dir.resolve("cgroup.controllers")).strip().split("\\s+"));
        List<String> enabled = List.of(Files.readString(dir.resolve("cgroup.subtree_control")).strip().split("\\s+"));
        for (String controller : V2_CONTROLLERS) {
            if (available.contains(controller) && !enabled.contains(controller)) {
                Files.writeString(dir.resolve("cgroup.subtree_control"), "+" + controller);
            }
        }
    }

    /**
     * Ends whatever still runs in the VM's cgroups and removes them (after a crash, or at shutdown); v1: in every
     * hierarchy, as runc also makes the container's cgroup in the ones the agent does not use (devices, ...).
     */
    void removeVm(String vm) {
        List<Path> all = new ArrayList<>(hierarchies);
        if (!v2) {
            try (Stream<Path> mounted = Files.list(root)) {
                mounted.filter(d -> Files.isDirectory(d.resolve(PARENT)) && !all.contains(d)).forEach(all::add);
            } catch (IOException e) {
                LOG.warn("cannot list the cgroup hierarchies in {}: {}", root, e.getMessage());
            }
        }
        for (Path hierarchy : all) {
            Path vmDir = hierarchy.resolve(PARENT).resolve(vm);
            if (!Files.isDirectory(vmDir)) {
                continue;
            }
            try {
                removeTree(vmDir);
            } catch (IOException e) {
                LOG.warn("cannot remove the cgroups of {}: {}", vm, e.getMessage());
            }
        }
    }

    /** Kills every process in the tree, waits for them (bounded), then removes the directories bottom-up. */
    static void removeTree(Path top) throws IOException {
        List<Path> dirs;
        try (Stream<Path> walk = Files.walk(top)) {
            dirs = walk.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REMOVE_TIMEOUT_MS);
        for (Path dir : dirs) {
            killAndWait(dir, deadline);
            try {
                Files.delete(dir);
            } catch (IOException e) {
                // A process may have forked while being killed: once more, then give up with the reason.
                killAndWait(dir, deadline);
                Files.deleteIfExists(dir);
            }
        }
    }

    /** SIGKILLs the processes of one cgroup and waits, up to the deadline, until they have exited. */
    static void killAndWait(Path dir, long deadline) throws IOException {
        List<CompletableFuture<ProcessHandle>> exits = new ArrayList<>();
        for (long pid : procs(dir)) {
            Posix.kill(pid, Posix.SIGKILL);
            ProcessHandle.of(pid).ifPresent(h -> exits.add(h.onExit()));
        }
        if (exits.isEmpty()) {
            return;
        }
        try {
            CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new))
                    .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (Exception e) {
            throw new IOException("processes of " + dir + " did not exit: " + e);
        }
    }

    /** The pids in a cgroup (as this process's PID namespace sees them; 0 = not visible here). */
    static List<Long> procs(Path dir) throws IOException {
        List<Long> pids = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("cgroup.procs"))) {
            if (!line.isBlank() && !line.strip().equals("0")) {
                pids.add(Long.parseLong(line.strip()));
            }
        }
        return pids;
    }
}
