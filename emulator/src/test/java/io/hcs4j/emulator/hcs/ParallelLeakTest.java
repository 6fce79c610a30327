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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
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

    record Baseline(long heap, int handles, int systems, int fds, int threads, long children) {
        static Baseline now() {
            return new Baseline(emulator.heap().outstanding(), emulator.handleCount(), emulator.systemCount(),
                    Objects.requireNonNull(new File("/proc/self/fd").list()).length, liveThreads(),
                    ProcessHandle.current().children().count());
        }
    }

    /** Live threads, leaving out the JDK's process reaper pool, which keeps idle threads alive for a while. */
    static int liveThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !t.getName().startsWith("process reaper")).count();
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
        assertEquals(before, after);
        assertEquals(0, emulator.heap().mismatchedFrees());
    }
}
