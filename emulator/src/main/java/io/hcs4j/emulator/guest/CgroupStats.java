package io.hcs4j.emulator.guest;

import io.hcs4j.schema.guest.BlkIOEntry;
import io.hcs4j.schema.guest.BlkIOStat;
import io.hcs4j.schema.guest.CPUStat;
import io.hcs4j.schema.guest.CPUUsage;
import io.hcs4j.schema.guest.HugetlbStat;
import io.hcs4j.schema.guest.MemoryEntry;
import io.hcs4j.schema.guest.MemoryOomControl;
import io.hcs4j.schema.guest.MemoryStat;
import io.hcs4j.schema.guest.Metrics;
import io.hcs4j.schema.guest.PidsStat;
import io.hcs4j.schema.guest.Throttle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A container's statistics read from its cgroup, in the shape the reference GCS answers (LCOWMetrics: cgroup v1
 * metrics with snake_case keys). On cgroup v2 the same fields are filled from the v2 files.
 */
final class CgroupStats {
    /** USER_HZ on Linux: cpuacct.stat counts in ticks of 10 ms. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private CgroupStats() {
    }

    static Metrics read(ContainerCgroup cgroup) throws IOException {
        return cgroup.v2 ? v2(cgroup) : v1(cgroup);
    }

    private static Metrics v1(ContainerCgroup cg) throws IOException {
        Metrics m = new Metrics();
        m.pids = pids(cg);
        m.cpu = new CPUStat();
        m.cpu.usage = new CPUUsage();
        m.cpu.usage.total = number(cg, "cpuacct.usage");
        Map<String, Long> ticks = keyed(cg, "cpuacct.stat");
        m.cpu.usage.user = ticks.getOrDefault("user", 0L) * NANOS_PER_TICK;
        m.cpu.usage.kernel = ticks.getOrDefault("system", 0L) * NANOS_PER_TICK;
        m.cpu.usage.perCpu = new ArrayList<>();
        for (String v : text(cg, "cpuacct.usage_percpu").split("\\s+")) {
            if (!v.isEmpty()) {
                m.cpu.usage.perCpu.add(Long.parseUnsignedLong(v));
            }
        }
        Map<String, Long> cpuStat = keyed(cg, "cpu.stat");
        m.cpu.throttling = new Throttle();
        m.cpu.throttling.periods = cpuStat.getOrDefault("nr_periods", 0L);
        m.cpu.throttling.throttledPeriods = cpuStat.getOrDefault("nr_throttled", 0L);
        m.cpu.throttling.throttledTime = cpuStat.getOrDefault("throttled_time", 0L);

        MemoryStat mem = new MemoryStat();
        for (Map.Entry<String, Long> e : keyed(cg, "memory.stat").entrySet()) {
            setMemory(mem, e.getKey(), e.getValue());
        }
        mem.usage = entry(cg, "memory.");
        mem.swap = entry(cg, "memory.memsw.");
        mem.kernel = entry(cg, "memory.kmem.");
        mem.kernelTcp = entry(cg, "memory.kmem.tcp.");
        m.memory = mem;
        Map<String, Long> oom = keyed(cg, "memory.oom_control");
        m.memoryOomControl = new MemoryOomControl();
        m.memoryOomControl.oomKillDisable = oom.getOrDefault("oom_kill_disable", 0L);
        m.memoryOomControl.underOom = oom.getOrDefault("under_oom", 0L);
        m.memoryOomControl.oomKill = oom.getOrDefault("oom_kill", 0L);

        m.hugetlb = hugetlb(cg, "usage_in_bytes", "max_usage_in_bytes");
        m.blkio = new BlkIOStat();
        m.blkio.ioServiceBytesRecursive = blkio(cg, "io_service_bytes_recursive");
        m.blkio.ioServicedRecursive = blkio(cg, "io_serviced_recursive");
        return m;
    }

    private static Metrics v2(ContainerCgroup cg) throws IOException {
        Metrics m = new Metrics();
        m.pids = pids(cg);
        Map<String, Long> cpuStat = keyed(cg, "cpu.stat");
        m.cpu = new CPUStat();
        m.cpu.usage = new CPUUsage();
        m.cpu.usage.total = cpuStat.getOrDefault("usage_usec", 0L) * 1000;
        m.cpu.usage.user = cpuStat.getOrDefault("user_usec", 0L) * 1000;
        m.cpu.usage.kernel = cpuStat.getOrDefault("system_usec", 0L) * 1000;
        m.cpu.throttling = new Throttle();
        m.cpu.throttling.periods = cpuStat.getOrDefault("nr_periods", 0L);
        m.cpu.throttling.throttledPeriods = cpuStat.getOrDefault("nr_throttled", 0L);
        m.cpu.throttling.throttledTime = cpuStat.getOrDefault("throttled_usec", 0L) * 1000;

        MemoryStat mem = new MemoryStat();
        for (Map.Entry<String, Long> e : keyed(cg, "memory.stat").entrySet()) {
            String v1Name = switch (e.getKey()) {
                case "anon" -> "rss";
                case "file" -> "cache";
                case "anon_thp" -> "rss_huge";
                case "file_mapped" -> "mapped_file";
                case "file_dirty" -> "dirty";
                case "file_writeback" -> "writeback";
                default -> e.getKey();
            };
            setMemory(mem, v1Name, e.getValue());
        }
        mem.usage = new MemoryEntry();
        mem.usage.usage = number(cg, "memory.current");
        mem.usage.limit = number(cg, "memory.max");
        mem.usage.max = number(cg, "memory.peak");
        mem.swap = new MemoryEntry();
        mem.swap.usage = number(cg, "memory.swap.current");
        mem.swap.limit = number(cg, "memory.swap.max");
        m.memory = mem;
        m.memoryOomControl = new MemoryOomControl();
        m.memoryOomControl.oomKill = keyed(cg, "memory.events").getOrDefault("oom_kill", 0L);
        m.hugetlb = hugetlb(cg, "current", "max");

        m.blkio = new BlkIOStat();
        m.blkio.ioServiceBytesRecursive = new ArrayList<>();
        m.blkio.ioServicedRecursive = new ArrayList<>();
        for (String line : lines(cg, "io.stat")) {
            String[] f = line.strip().split("\\s+");
            String[] device = f[0].split(":");
            for (int i = 1; i < f.length; i++) {
                String[] kv = f[i].split("=");
                switch (kv[0]) {
                    case "rbytes" -> m.blkio.ioServiceBytesRecursive.add(blk(device, "Read", kv[1]));
                    case "wbytes" -> m.blkio.ioServiceBytesRecursive.add(blk(device, "Write", kv[1]));
                    case "rios" -> m.blkio.ioServicedRecursive.add(blk(device, "Read", kv[1]));
                    case "wios" -> m.blkio.ioServicedRecursive.add(blk(device, "Write", kv[1]));
                    default -> { }
                }
            }
        }
        return m;
    }

    private static PidsStat pids(ContainerCgroup cg) throws IOException {
        PidsStat pids = new PidsStat();
        pids.current = number(cg, "pids.current");
        // An unlimited pids.max ("max") reads as no limit (0), as the reference reports it.
        pids.limit = text(cg, "pids.max").equals("max") ? 0 : number(cg, "pids.max");
        return pids;
    }

    /**
     * One entry per huge page size the hugetlb controller offers: usage from {@code hugetlb.<size>.<usage>}, and
     * v1's peak and failcnt, or v2's limit and the {@code max} count of its events file as the failcnt, as the
     * reference's cgroups library reads them.
     */
    private static List<HugetlbStat> hugetlb(ContainerCgroup cg, String usage, String maxOrLimit) throws IOException {
        List<HugetlbStat> stats = new ArrayList<>();
        for (String size : hugePageSizes(cg)) {
            String prefix = "hugetlb." + size + ".";
            HugetlbStat h = new HugetlbStat();
            h.pagesize = size;
            h.usage = number(cg, prefix + usage);
            h.max = number(cg, prefix + maxOrLimit);
            h.failcnt = cg.v2 ? keyed(cg, prefix + "events").getOrDefault("max", 0L) : number(cg, prefix + "failcnt");
            stats.add(h);
        }
        return stats;
    }

    /** The huge page sizes ("2MB", "1GB") of the container's hugetlb files, if the controller is there. */
    private static List<String> hugePageSizes(ContainerCgroup cg) throws IOException {
        Set<String> sizes = new TreeSet<>();
        for (Path dir : cg.dirs) {
            try (Stream<Path> files = Files.list(dir)) {
                files.map(f -> f.getFileName().toString())
                        .filter(n -> n.startsWith("hugetlb.") && n.chars().filter(c -> c == '.').count() == 2)
                        .forEach(n -> sizes.add(n.substring("hugetlb.".length(), n.lastIndexOf('.'))));
            }
        }
        return new ArrayList<>(sizes);
    }

    /** memory.stat (v1 names) into the metrics' fields; names the metrics do not carry are skipped. */
    private static void setMemory(MemoryStat m, String name, long v) {
        switch (name) {
            case "cache" -> m.cache = v;
            case "rss" -> m.rss = v;
            case "rss_huge" -> m.rssHuge = v;
            case "mapped_file" -> m.mappedFile = v;
            case "dirty" -> m.dirty = v;
            case "writeback" -> m.writeback = v;
            case "pgpgin" -> m.pgPgIn = v;
            case "pgpgout" -> m.pgPgOut = v;
            case "pgfault" -> m.pgFault = v;
            case "pgmajfault" -> m.pgMajFault = v;
            case "inactive_anon" -> m.inactiveAnon = v;
            case "active_anon" -> m.activeAnon = v;
            case "inactive_file" -> m.inactiveFile = v;
            case "active_file" -> m.activeFile = v;
            case "unevictable" -> m.unevictable = v;
            case "hierarchical_memory_limit" -> m.hierarchicalMemoryLimit = v;
            case "hierarchical_memsw_limit" -> m.hierarchicalSwapLimit = v;
            case "total_cache" -> m.totalCache = v;
            case "total_rss" -> m.totalRss = v;
            case "total_rss_huge" -> m.totalRssHuge = v;
            case "total_mapped_file" -> m.totalMappedFile = v;
            case "total_dirty" -> m.totalDirty = v;
            case "total_writeback" -> m.totalWriteback = v;
            case "total_pgpgin" -> m.totalPgPgIn = v;
            case "total_pgpgout" -> m.totalPgPgOut = v;
            case "total_pgfault" -> m.totalPgFault = v;
            case "total_pgmajfault" -> m.totalPgMajFault = v;
            case "total_inactive_anon" -> m.totalInactiveAnon = v;
            case "total_active_anon" -> m.totalActiveAnon = v;
            case "total_inactive_file" -> m.totalInactiveFile = v;
            case "total_active_file" -> m.totalActiveFile = v;
            case "total_unevictable" -> m.totalUnevictable = v;
            default -> { }
        }
    }

    /** v1 usage/limit/max/failcnt of one memory counter family (memory., memory.memsw., ...). */
    private static MemoryEntry entry(ContainerCgroup cg, String prefix) throws IOException {
        MemoryEntry e = new MemoryEntry();
        e.usage = number(cg, prefix + "usage_in_bytes");
        e.limit = number(cg, prefix + "limit_in_bytes");
        e.max = number(cg, prefix + "max_usage_in_bytes");
        e.failcnt = number(cg, prefix + "failcnt");
        return e;
    }

    /** blkio.&lt;name&gt;, or the throttle policy's counters where the scheduler's are absent or empty. */
    private static List<BlkIOEntry> blkio(ContainerCgroup cg, String name) throws IOException {
        List<String> lines = lines(cg, "blkio." + name);
        if (lines.stream().noneMatch(l -> l.contains(":"))) {
            lines = lines(cg, "blkio.throttle." + name);
        }
        List<BlkIOEntry> entries = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 3 && f[0].contains(":")) {
                entries.add(blk(f[0].split(":"), f[1], f[2]));
            }
        }
        return entries;
    }

    private static BlkIOEntry blk(String[] device, String op, String value) {
        BlkIOEntry e = new BlkIOEntry();
        e.major = Long.parseLong(device[0]);
        e.minor = Long.parseLong(device[1]);
        e.op = op;
        e.value = Long.parseUnsignedLong(value);
        return e;
    }

    private static List<String> lines(ContainerCgroup cg, String file) throws IOException {
        Path f = cg.file(file);
        return f == null ? List.of() : Files.readAllLines(f);
    }

    private static String text(ContainerCgroup cg, String file) throws IOException {
        Path f = cg.file(file);
        return f == null ? "" : Files.readString(f).strip();
    }

    /** A single-number file; absent is 0, v2's "max" is the largest unsigned value. */
    private static long number(ContainerCgroup cg, String file) throws IOException {
        String v = text(cg, file);
        if (v.isEmpty()) {
            return 0;
        }
        return v.equals("max") ? -1L : Long.parseUnsignedLong(v);
    }

    /** A "key value" per line file. */
    private static Map<String, Long> keyed(ContainerCgroup cg, String file) throws IOException {
        Map<String, Long> values = new LinkedHashMap<>();
        for (String line : lines(cg, file)) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 2) {
                try {
                    values.put(f[0], Long.parseUnsignedLong(f[1]));
                } catch (NumberFormatException notANumber) {
                    // Not a counter.
                }
            }
        }
        return values;
    }
}
