package io.hcs4j.emulator.guest;

import io.hcs4j.schema.oci.LinuxCPU;
import io.hcs4j.schema.oci.LinuxMemory;
import io.hcs4j.schema.oci.LinuxResources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * One container's cgroup: a directory per v1 controller, or one v2 directory. Applies OCI LinuxResources,
 * lists and kills the container's processes, and is removed when the container's state is deleted.
 * Statistics are read by {@link CgroupStats}.
 */
final class ContainerCgroup {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,127}");

    final boolean v2;
    final List<Path> dirs;

    ContainerCgroup(boolean v2, List<Path> dirs) {
        this.v2 = v2;
        this.dirs = List.copyOf(dirs);
    }

    /** The first of the container's directories that has {@code file} (v1: the controller that owns it). */
    Path file(String file) {
        for (Path dir : dirs) {
            Path f = dir.resolve(file);
            if (Files.exists(f)) {
                return f;
            }
        }
        return null;
    }

    /** The cgroup.procs file of each directory: a process joins the container by writing its pid to them all. */
    List<Path> procsFiles() {
        return dirs.stream().map(d -> d.resolve("cgroup.procs")).toList();
    }

    /**
     * Puts a started process in the cgroup (a no-op when it already joined itself before exec), so that it is
     * a member by the time the host hears of it. A process that has already exited is not an error.
     */
    void join(long pid) throws IOException {
        for (Path procs : procsFiles()) {
            try {
                Files.writeString(procs, Long.toString(pid));
            } catch (IOException e) {
                // ESRCH from write(2): the process has already exited (a zombie cannot move); it joined before exec.
                if (e.getMessage() == null || !e.getMessage().contains("No such process")) {
                    throw e;
                }
            }
        }
    }

    /** Every process in the container's cgroup, the ones it started and anything they forked. */
    List<Long> processes() throws IOException {
        Set<Long> pids = new LinkedHashSet<>();
        for (Path dir : dirs) {
            pids.addAll(Cgroups.procs(dir));
        }
        return new ArrayList<>(pids);
    }

    /**
     * SIGKILLs everything in the container and waits for it (bounded), as the kernel does before a PID
     * namespace's init is reaped: nothing of the container keeps its rootfs busy after its exit is reported.
     */
    void killAll() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (Path dir : dirs) {
            try {
                Cgroups.killAndWait(dir, deadline);
            } catch (IOException e) {
                // Removed meanwhile, or a process would not die: removing the cgroup reports it.
            }
        }
    }

    /** Kills leftovers, waits for them (bounded) and removes the directories. */
    void remove() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        IOException failure = null;
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                // Removed already (runc delete removes the cgroup it joined).
                continue;
            }
            try {
                Cgroups.killAndWait(dir, deadline);
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Writes the resources the spec or an UpdateContainer asks for. A value the guest refuses before writing, or
     * that the kernel refuses, is an {@link IllegalArgumentException} naming the field and the value.
     */
    void apply(LinuxResources resources) throws IOException {
        if (resources == null) {
            return;
        }
        LinuxMemory memory = resources.memory;
        if (memory != null) {
            check(memory.limit == null || memory.limit == -1 || memory.limit > 0, "memory.limit", memory.limit);
            check(memory.reservation == null || memory.reservation == -1 || memory.reservation >= 0,
                    "memory.reservation", memory.reservation);
            if (memory.limit != null) {
                write(v2 ? "memory.max" : "memory.limit_in_bytes", limit(memory.limit), "memory.limit");
            }
            if (memory.reservation != null) {
                write(v2 ? "memory.low" : "memory.soft_limit_in_bytes", limit(memory.reservation), "memory.reservation");
            }
        }
        LinuxCPU cpu = resources.cpu;
        if (cpu != null) {
            check(cpu.shares == null || cpu.shares >= 2 && cpu.shares <= 262144, "cpu.shares", cpu.shares);
            check(cpu.period == null || cpu.period >= 1000 && cpu.period <= 1_000_000, "cpu.period", cpu.period);
            check(cpu.quota == null || cpu.quota == -1 || cpu.quota >= 1000, "cpu.quota", cpu.quota);
            if (cpu.shares != null) {
                // v2 weights are 1..10000 where v1 shares are 2..262144 (the conversion runc uses).
                write(v2 ? "cpu.weight" : "cpu.shares",
                        Long.toString(v2 ? 1 + (cpu.shares - 2) * 9999 / 262142 : cpu.shares), "cpu.shares");
            }
            if (v2 && (cpu.quota != null || cpu.period != null)) {
                String[] current = Files.readString(required("cpu.max", "cpu.quota")).strip().split(" ");
                String quota = cpu.quota == null ? current[0] : cpu.quota == -1 ? "max" : Long.toString(cpu.quota);
                String period = cpu.period == null ? current[1] : Long.toString(cpu.period);
                write("cpu.max", quota + " " + period, "cpu.quota");
            } else if (!v2) {
                if (cpu.period != null) {
                    write("cpu.cfs_period_us", Long.toString(cpu.period), "cpu.period");
                }
                if (cpu.quota != null) {
                    write("cpu.cfs_quota_us", Long.toString(cpu.quota), "cpu.quota");
                }
            }
            if (cpu.cpus != null && !cpu.cpus.isEmpty()) {
                write("cpuset.cpus", cpu.cpus, "cpu.cpus");
            }
            if (cpu.mems != null && !cpu.mems.isEmpty()) {
                write("cpuset.mems", cpu.mems, "cpu.mems");
            }
        }
        if (resources.pids != null && resources.pids.limit != null) {
            long limit = resources.pids.limit;
            write("pids.max", limit > 0 ? Long.toString(limit) : "max", "pids.limit");
        }
    }

    private String limit(long value) {
        return value == -1 ? (v2 ? "max" : "-1") : Long.toString(value);
    }

    private static void check(boolean ok, String field, Object value) {
        if (!ok) {
            throw new IllegalArgumentException("invalid linux.resources: " + field + " = " + value);
        }
    }

    private Path required(String file, String field) {
        Path f = file(file);
        if (f == null) {
            throw new IllegalArgumentException("linux.resources " + field + " cannot be applied: the guest's cgroups have no "
                    + file);
        }
        return f;
    }

    private void write(String file, String value, String field) throws IOException {
        Path f = required(file, field);
        try {
            Files.writeString(f, value);
        } catch (IOException e) {
            // The kernel refused the value (EINVAL; EBUSY for a memory limit below the current usage, ...).
            throw new IllegalArgumentException("invalid linux.resources: " + field + " = " + value + ": " + e.getMessage());
        }
    }
}
