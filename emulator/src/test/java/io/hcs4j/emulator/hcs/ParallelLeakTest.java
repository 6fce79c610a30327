package io.hcs4j.emulator.hcs;

import io.hcs4j.hcs.ComputeSystem;
import io.hcs4j.hcs.HcsGeneration;
import io.hcs4j.hcs.HcsProcess;
import io.hcs4j.hcs.HcsService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 100 compute systems created, started, each running a process, and torn down in parallel; afterwards native
 * allocations, handles, descriptors, threads and child processes are back to their baseline.
 */
@Timeout(120)
class ParallelLeakTest {
    static final int SYSTEMS = 100;
    static final int THREADS = 8;
    static final Duration WAIT = Duration.ofSeconds(30);
    static Emulator emulator;

    @BeforeAll
    static void start() {
        emulator = new Emulator(null);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    /**
     * Counters that must return exactly to their values, plus descriptors and threads, which other tests' leftovers
     * may still close or end meanwhile: for those only what is new counts.
     */
    record Baseline(long heap, int handles, int systems, List<Long> children, List<String> fds,
                    Map<Long, String> threads) {
        static Baseline now() {
            return new Baseline(emulator.heap().outstanding(), emulator.handleCount(), emulator.systemCount(),
                    ProcessHandle.current().children().map(ProcessHandle::pid).toList(), descriptors(), liveThreads());
        }

        List<Long> counters() {
            return List.of(heap, (long) handles, (long) systems);
        }

        List<Long> newChildren(Baseline before) {
            return children.stream().filter(pid -> !before.children.contains(pid)).toList();
        }

        /** Descriptors open now that were not open at {@code before} (as a multiset). */
        List<String> newDescriptors(Baseline before) {
            List<String> extra = new ArrayList<>(fds);
            before.fds.forEach(extra::remove);
            return extra;
        }

        List<String> newThreads(Baseline before) {
            List<String> extra = new ArrayList<>();
            threads.forEach((id, name) -> {
                if (!before.threads.containsKey(id)) {
                    extra.add(name);
                }
            });
            return extra;
        }
    }

    /** What each open descriptor refers to (pipes and sockets without their inode), sorted. */
    static List<String> descriptors() {
        List<String> out = new ArrayList<>();
        for (String fd : Objects.requireNonNull(new File("/proc/self/fd").list())) {
            try {
                out.add(Files.readSymbolicLink(Path.of("/proc/self/fd", fd)).toString().replaceAll(":\\[\\d+]", ""));
            } catch (IOException e) {
                // closed while listing: the listing's own descriptor
            }
        }
        out.sort(null);
        return out;
    }

    /** Live threads by id, leaving out the JDK's own pools (process reaper, common pool), which grow lazily. */
    static Map<Long, String> liveThreads() {
        Map<Long, String> out = new java.util.HashMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && !t.getName().startsWith("process reaper") && !t.getName().startsWith("ForkJoinPool")) {
                out.put(t.getId(), t.getName());
            }
        }
        return out;
    }

    static void lifecycle(HcsService hcs, int n) throws Exception {
        try (ComputeSystem s = hcs.createComputeSystem("parallel-" + n + "-" + Docs.id(), Docs.container())) {
            s.start();
            try (HcsProcess p = s.createProcess(Docs.process("sh", "-c", "echo $0", "system-" + n))) {
                String out = new String(p.stdout().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals("system-" + n + "\n", out);
                assertEquals(0, p.waitExit(WAIT));
            }
            s.shutdown();
            s.waitExit(WAIT);
        }
    }

    @ParameterizedTest
    @EnumSource(HcsGeneration.class)
    void hundredSystemsInParallelLeaveNothingBehind(HcsGeneration g) throws Exception {
        HcsService hcs = HcsService.open(emulator.backend(), g);
        lifecycle(hcs, -1); // warm-up: classes loaded, lazily opened files open
        Baseline before = Baseline.now();

        AtomicInteger next = new AtomicInteger();
        Map<Integer, Throwable> failures = new ConcurrentHashMap<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Thread worker = new Thread(() -> {
                for (int n = next.getAndIncrement(); n < SYSTEMS; n = next.getAndIncrement()) {
                    try {
                        lifecycle(hcs, n);
                    } catch (Throwable e) {
                        failures.put(n, e);
                    }
                }
            }, "parallel-test-" + t);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join(WAIT.toMillis() * 3);
            assertTrue(!worker.isAlive(), worker.getName() + " finished");
        }
        assertEquals(Map.of(), failures);
        assertEquals(SYSTEMS, next.get() - THREADS);

        Baseline after = Baseline.now();
        assertEquals(before.counters(), after.counters(), "native strings, handles, systems");
        assertEquals(List.of(), after.newChildren(before), "child processes");
        assertEquals(List.of(), after.newDescriptors(before), "descriptors");
        // A thread that is finishing is not a leak: give new threads a bounded moment to end.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!Baseline.now().newThreads(before).isEmpty() && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        assertEquals(List.of(), Baseline.now().newThreads(before), "threads");
        assertEquals(0, emulator.heap().mismatchedFrees());
    }
}
