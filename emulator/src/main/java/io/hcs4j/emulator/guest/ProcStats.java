package io.hcs4j.emulator.guest;

import io.hcs4j.schema.guest.CPUStat;
import io.hcs4j.schema.guest.CPUUsage;
import io.hcs4j.schema.guest.MemoryStat;
import io.hcs4j.schema.guest.Metrics;
import io.hcs4j.schema.guest.PidsStat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Container statistics in the shape of the GCS's LCOWMetrics (cgroup v1 metrics), summed from /proc. */
final class ProcStats {
    /** USER_HZ on Linux. */
    private static final long NANOS_PER_TICK = 10_000_000L;
    private static final long PAGE_SIZE = 4096;

    private ProcStats() {
    }

    static Metrics metrics(List<ProcessHandle> processes) {
        long user = 0;
        long kernel = 0;
        long rss = 0;
        int count = 0;
        for (ProcessHandle h : processes) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(h.pid()), "stat"));
                // Fields after the command name, which is in parentheses and may contain spaces.
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                user += Long.parseLong(f[11]) * NANOS_PER_TICK;
                kernel += Long.parseLong(f[12]) * NANOS_PER_TICK;
                rss += Long.parseLong(f[21]) * PAGE_SIZE;
                count++;
            } catch (IOException | RuntimeException exitedMeanwhile) {
                // A process that ended between listing and reading counts no more.
            }
        }
        Metrics metrics = new Metrics();
        metrics.pids = new PidsStat();
        metrics.pids.current = count;
        metrics.cpu = new CPUStat();
        metrics.cpu.usage = new CPUUsage();
        metrics.cpu.usage.total = user + kernel;
        metrics.cpu.usage.kernel = kernel;
        metrics.cpu.usage.user = user;
        metrics.memory = new MemoryStat();
        metrics.memory.rss = rss;
        metrics.memory.totalRss = rss;
        return metrics;
    }
}
