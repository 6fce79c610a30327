package io.hcs4j.emulator.hcs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Live figures of one host process from /proc/&lt;pid&gt;/stat, statm and io (its storage reads and writes: bytes that
 * reached the block layer and read/write system calls; zero where io cannot be read).
 */
record ProcStat(String name, long userTime100ns, long kernelTime100ns, long virtualBytes, long residentBytes,
                long sharedBytes, long readBytes, long writeBytes, long readCount, long writeCount) {
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
            Map<String, Long> io = io(pid);
            return new ProcStat(name, Long.parseLong(f[11]) * TICK_100NS, Long.parseLong(f[12]) * TICK_100NS,
                    Long.parseLong(statm[0]) * PAGE, Long.parseLong(statm[1]) * PAGE, Long.parseLong(statm[2]) * PAGE,
                    io.getOrDefault("read_bytes", 0L), io.getOrDefault("write_bytes", 0L),
                    io.getOrDefault("syscr", 0L), io.getOrDefault("syscw", 0L));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Map<String, Long> io(int pid) {
        Map<String, Long> values = new HashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Integer.toString(pid), "io"))) {
                String[] kv = line.split(":\\s*");
                if (kv.length == 2) {
                    values.put(kv[0], Long.parseLong(kv[1].strip()));
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // Another user's process, or gone: no storage figures.
        }
        return values;
    }
}
