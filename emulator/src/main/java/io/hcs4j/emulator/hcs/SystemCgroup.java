package io.hcs4j.emulator.hcs;

import com.fasterxml.jackson.databind.JsonNode;
import io.hcs4j.hcs.raw.HResults;
import io.hcs4j.platform.PrivateDirectory;
import io.hcs4j.platform.posix.Posix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The cgroup that enforces an emulated container's limits on its host processes, as a job object does for a Windows
 * container: {@code hcs4j-emulator/<runtime id>} in the v2 hierarchy, or in v1's cpu and memory controllers (the
 * parent is {@link Emulator#CGROUP_PARENT_ENV} or its property where set: an emulated Windows guest's are its VM's, removed with it). From
 * the container's Processor (Maximum: that share of all host processors; Count: that many processors' time;
 * Weight: cpu.weight, v1 cpu.shares scaled from its default 100 to 1024) and its memory size (memory.max, v1
 * memory.limit_in_bytes). Unlike a job object, whose memory limit makes the allocation that would pass it fail,
 * the kernel OOM-kills a process of the cgroup. Made when the container starts, removed when it stops; its owner is
 * recorded in the emulator's state directory, so that the next emulator removes it when its owner died first.
 */
final class SystemCgroup {
    static final Path ROOT = Path.of("/sys/fs/cgroup");
    private static final Logger LOG = LoggerFactory.getLogger(SystemCgroup.class);
    private static final long PERIOD_US = 100_000;
    private static final long REMOVE_WAIT_MS = 2_000;
    /** Why cgroups cannot be used here, or null when they can; said once in the log. */
    private static final String UNUSABLE = unusable();

    private final boolean v2;
    /** v2: the one directory; v1: the cpu and the memory controller's. */
    private final List<Path> dirs;

    private SystemCgroup(boolean v2, List<Path> dirs) {
        this.v2 = v2;
        this.dirs = dirs;
    }

    private static String unusable() {
        if (!Posix.isRoot()) {
            return "the emulator does not run as root";
        }
        if (Files.isRegularFile(ROOT.resolve("cgroup.controllers"))) {
            return Files.isWritable(ROOT.resolve("cgroup.subtree_control")) ? null
                    : "the cgroup v2 hierarchy at " + ROOT + " is not writable";
        }
        for (String controller : List.of("cpu", "memory")) {
            if (!Files.isWritable(ROOT.resolve(controller).resolve("cgroup.procs"))) {
                return "no writable cgroup v1 controller " + controller + " under " + ROOT;
            }
        }
        return null;
    }

    static {
        if (UNUSABLE != null) {
            LOG.info("containers' limits are recorded, not enforced: {}", UNUSABLE);
        }
    }

    /** Where the containers' cgroups go: the property, else the environment, else {@code hcs4j-emulator}. */
    static String parent() {
        String configured = System.getProperty(Emulator.CGROUP_PARENT_PROPERTY, System.getenv(Emulator.CGROUP_PARENT_ENV));
        return configured == null || configured.isEmpty() ? "hcs4j-emulator" : configured;
    }

    /** The new cgroup of a container, or null (and its limits are only recorded) where cgroups cannot be used. */
    static SystemCgroup create(String name) {
        if (UNUSABLE != null) {
            return null;
        }
        boolean v2 = Files.isRegularFile(ROOT.resolve("cgroup.controllers"));
        String under = parent();
        List<Path> dirs = v2 ? List.of(ROOT.resolve(under).resolve(name))
                : List.of(ROOT.resolve("cpu").resolve(under).resolve(name), ROOT.resolve("memory").resolve(under).resolve(name));
        try {
            if (v2) {
                Path parent = ROOT;
                for (Path part : Path.of(under)) {
                    enable(parent);
                    parent = Files.createDirectories(parent.resolve(part));
                }
                enable(parent);
            }
            for (Path dir : dirs) {
                Files.createDirectories(dir);
            }
            recordOwner(name, dirs);
        } catch (IOException e) {
            LOG.warn("container {}: no cgroup, its limits are recorded, not enforced: {}", name, e.toString());
            new SystemCgroup(v2, dirs).remove();
            return null;
        }
        return new SystemCgroup(v2, dirs);
    }

    private static void enable(Path dir) throws IOException {
        String available = Files.readString(dir.resolve("cgroup.controllers"));
        for (String controller : List.of("cpu", "memory")) {
            if (available.contains(controller)) {
                Files.writeString(dir.resolve("cgroup.subtree_control"), "+" + controller);
            }
        }
    }

    List<Path> dirs() {
        return dirs;
    }

    /** Moves a process into the cgroup (children it forks from then on are in it too). */
    void add(long pid) {
        for (Path dir : dirs) {
            try {
                Files.writeString(dir.resolve("cgroup.procs"), Long.toString(pid));
            } catch (IOException e) {
                // It may have exited already.
                LOG.debug("pid {} not moved into {}: {}", pid, dir, e.toString());
            }
        }
    }

    /**
     * Applies the container's current limits: its schema2 Processor (Count, Maximum, Weight; absent ones lift their
     * limit) and its memory size in MB (0: none).
     */
    void apply(JsonNode processor, long memoryMb) {
        int cpus = Runtime.getRuntime().availableProcessors();
        long quota = -1;
        if (processor.path("Maximum").asLong(0) > 0) {
            quota = Math.max(1_000, processor.path("Maximum").asLong() * cpus * PERIOD_US / 10_000);
        } else if (processor.path("Count").asLong(0) > 0) {
            quota = processor.path("Count").asLong() * PERIOD_US;
        }
        long weight = processor.path("Weight").asLong(0) > 0 ? processor.path("Weight").asLong() : 100;
        try {
            if (v2) {
                Path dir = dirs.get(0);
                Files.writeString(dir.resolve("cpu.max"), (quota < 0 ? "max" : Long.toString(quota)) + " " + PERIOD_US);
                Files.writeString(dir.resolve("cpu.weight"), Long.toString(Math.min(10_000, weight)));
                Files.writeString(dir.resolve("memory.max"), memoryMb > 0 ? Long.toString(memoryMb << 20) : "max");
            } else {
                Path cpu = dirs.get(0);
                Files.writeString(cpu.resolve("cpu.cfs_period_us"), Long.toString(PERIOD_US));
                Files.writeString(cpu.resolve("cpu.cfs_quota_us"), Long.toString(quota));
                Files.writeString(cpu.resolve("cpu.shares"), Long.toString(Math.max(2, weight * 1024 / 100)));
                Files.writeString(dirs.get(1).resolve("memory.limit_in_bytes"),
                        Long.toString(memoryMb > 0 ? memoryMb << 20 : -1));
            }
        } catch (IOException e) {
            throw new HcsFault(HResults.E_INVALIDARG, "cannot apply the limits to " + dirs + ": " + e.getMessage());
        }
    }

    /**
     * Notes that this process owns the cgroup {@code name} ({@code dirs}), so that an emulator started after this one
     * died without removing it can ({@link #reclaimOrphans}). In {@code <state>/cgroups/<name>}: pid and start time.
     */
    private static void recordOwner(String name, List<Path> dirs) throws IOException {
        ProcessHandle self = ProcessHandle.current();
        Properties p = new Properties();
        p.setProperty("pid", Long.toString(self.pid()));
        p.setProperty("startMillis", Long.toString(self.info().startInstant().orElseThrow().toEpochMilli()));
        p.setProperty("dirs", String.join(File.pathSeparator, dirs.stream().map(Path::toString).toList()));
        Path file = PrivateDirectory.create(ownersDir()).resolve(name);
        Path tmp = file.resolveSibling(name + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, null);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static Path ownersDir() {
        return Emulator.stateDir().resolve("cgroups");
    }

    /**
     * Removes the cgroups whose owner, an emulator process, ended without removing them (it was killed, or died with
     * its host process): those that are empty; one that still holds processes is left, and said so.
     */
    static void reclaimOrphans() {
        Path owners = ownersDir();
        try {
            if (UNUSABLE != null || !PrivateDirectory.check(owners)) {
                return;
            }
            List<Path> records;
            try (Stream<Path> files = Files.list(owners)) {
                records = files.filter(f -> !f.getFileName().toString().endsWith(".tmp")).toList();
            }
            for (Path record : records) {
                Properties p = new Properties();
                try (Reader r = Files.newBufferedReader(record, StandardCharsets.UTF_8)) {
                    p.load(r);
                } catch (NoSuchFileException removedMeanwhile) {
                    continue;
                }
                if (ownerRuns(p)) {
                    continue;
                }
                boolean left = false;
                for (String dir : p.getProperty("dirs", "").split(File.pathSeparator)) {
                    left |= !dir.isEmpty() && !removeIfEmpty(Path.of(dir));
                }
                if (!left) {
                    Files.deleteIfExists(record);
                    LOG.info("cgroup {} of an emulator that is gone removed", record.getFileName());
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("cgroups of emulators that are gone not reclaimed: {}", e.toString());
        }
    }

    private static boolean ownerRuns(Properties p) {
        try {
            long pid = Long.parseLong(p.getProperty("pid", ""));
            long start = Long.parseLong(p.getProperty("startMillis", ""));
            return ProcessHandle.of(pid).flatMap(h -> h.info().startInstant())
                    .map(t -> t.toEpochMilli() == start).orElse(false);
        } catch (NumberFormatException e) {
            return false; // not a record this code wrote: nobody owns it
        }
    }

    /** Removes a cgroup that holds no process (true; also when it is gone); false when processes are still in it. */
    private static boolean removeIfEmpty(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return true;
        }
        if (!Files.readString(dir.resolve("cgroup.procs")).isBlank()) {
            LOG.warn("cgroup {} of an emulator that is gone still holds processes: left", dir);
            return false;
        }
        Files.delete(dir);
        return true;
    }

    /** Removes the cgroup once its processes are gone (what is still there is killed first). */
    void remove() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REMOVE_WAIT_MS);
        for (Path dir : dirs) {
            while (Files.isDirectory(dir)) {
                try {
                    for (String pid : Files.readAllLines(dir.resolve("cgroup.procs"))) {
                        if (!pid.isBlank()) {
                            Posix.kill(Long.parseLong(pid.strip()), Posix.SIGKILL);
                        }
                    }
                    Files.delete(dir);
                } catch (IOException e) {
                    if (System.nanoTime() > deadline) {
                        LOG.warn("cgroup {} not removed: {}", dir, e.toString());
                        break;
                    }
                    sleep();
                }
            }
        }
        try {
            Files.deleteIfExists(ownersDir().resolve(dirs.get(0).getFileName().toString()));
        } catch (IOException e) {
            LOG.warn("record of cgroup {} not removed: {}", dirs.get(0), e.toString());
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
