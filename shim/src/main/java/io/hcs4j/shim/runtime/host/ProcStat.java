package io.hcs4j.shim.runtime.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The fields of /proc/PID/stat the shim reports: name, CPU times and resident set. */
record ProcStat(String name, long userTime100ns, long kernelTime100ns, long rssBytes) {
    /** Linux reports CPU times in USER_HZ ticks, 100 per second on every supported architecture. */
    private static final long TICK_100NS = 100_000;
    private static final long PAGE = 4096;

    static ProcStat read(int pid) {
        String line;
        try {
            line = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
        } catch (IOException e) {
            return null;
        }
        // "pid (comm) state ..." - comm may contain spaces and parentheses, so split after the last ')'.
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open) {
            return null;
        }
        String[] f = line.substring(close + 2).split(" ");
        // After "state" (f[0]), utime is field 14 overall -> f[11], stime f[12], rss (pages) f[21].
        if (f.length < 22) {
            return null;
        }
        return new ProcStat(line.substring(open + 1, close), Long.parseLong(f[11]) * TICK_100NS,
                Long.parseLong(f[12]) * TICK_100NS, Long.parseLong(f[21]) * PAGE);
    }
}
