package io.hcs4j.emulator.hcs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Live figures of one host process from /proc/&lt;pid&gt;/stat and statm. */
record ProcStat(String name, long userTime100ns, long kernelTime100ns, long virtualBytes, long residentBytes,
                long sharedBytes) {
    private static final long PAGE = 4096;
    /** USER_HZ is 100 on Linux: one clock tick is 100 000 units of 100 ns. */
    private static final long TICK_100NS = 100_000;

    /** The figures, or null when the process has gone. */
    static ProcStat read(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
            String[] statm = Files.readString(Path.of("/proc", Integer.toString(pid), "statm")).trim().split(" ");
            int open = stat.indexOf('(');
            int close = stat.lastIndexOf(')');
            String name = stat.substring(open + 1, close);
            // Fields after the command: state is field 3, utime 14, stime 15.
            String[] f = stat.substring(close + 2).split(" ");
            return new ProcStat(name, Long.parseLong(f[11]) * TICK_100NS, Long.parseLong(f[12]) * TICK_100NS,
                    Long.parseLong(statm[0]) * PAGE, Long.parseLong(statm[1]) * PAGE, Long.parseLong(statm[2]) * PAGE);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
