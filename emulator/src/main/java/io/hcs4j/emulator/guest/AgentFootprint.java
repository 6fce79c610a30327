package io.hcs4j.emulator.guest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a guest agent process holds: its threads (less the JDK's "process reaper" threads, a cache of its own that
 * empties after a minute idle), open descriptors and mounts. A pooled agent records it when it is first ready; it goes
 * back to the pool after a VM only when it holds no more than that (give or take {@link #ALLOWANCE}) and runs no
 * process: what a VM left would otherwise be seen by the next.
 */
record AgentFootprint(int threads, int fds, int mounts) {
    /** Threads or descriptors a clean agent may hold beyond its first footprint (the line to its host is one). */
    static final int ALLOWANCE = 2;
    private static final String JDK_REAPER = "process reaper";
    /** How long a VM's threads and processes get to end after it. */
    private static final long SETTLE_MS = 2000;
    private static final long POLL_MS = 20;

    /** This process's footprint now. */
    static AgentFootprint now() throws IOException {
        int threads = 0;
        for (Path task : list(Path.of("/proc/self/task"))) {
            try {
                if (!Files.readString(task.resolve("comm")).trim().equals(JDK_REAPER)) {
                    threads++;
                }
            } catch (IOException endedMeanwhile) {
                // not counted
            }
        }
        int mounts = Files.readAllLines(Path.of("/proc/self/mountinfo")).size();
        return new AgentFootprint(threads, list(Path.of("/proc/self/fd")).size(), mounts);
    }

    /**
     * Why this process is not back to {@code first}, its footprint when first ready; null when it is. Waits up to
     * {@link #SETTLE_MS} for what is ending to end.
     */
    static String unlike(AgentFootprint first) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + SETTLE_MS * 1_000_000;
        while (true) {
            String why = compare(first);
            if (why == null || System.nanoTime() > deadline) {
                return why;
            }
            Thread.sleep(POLL_MS);
        }
    }

    private static String compare(AgentFootprint first) throws IOException {
        long children = ProcessHandle.current().children().count();
        if (children > 0) {
            return "processes of the VM still run: " + children;
        }
        AgentFootprint now = now();
        if (now.threads > first.threads + ALLOWANCE) {
            return now.threads + " threads, " + first.threads + " when first ready";
        }
        if (now.fds > first.fds + ALLOWANCE) {
            return now.fds + " open descriptors, " + first.fds + " when first ready";
        }
        if (now.mounts > first.mounts) {
            return now.mounts + " mounts, " + first.mounts + " when first ready";
        }
        return null;
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.toList();
        }
    }
}
