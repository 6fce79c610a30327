package io.hcs4j.emulator.hcs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.hcs.ComputeSystem;
import io.hcs4j.hcs.HcsGeneration;
import io.hcs4j.hcs.HcsProcess;
import io.hcs4j.hcs.HcsService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * An emulated container's limits enforced by its cgroup (root with writable cgroups, as in CI): made with the
 * system from its document's limits, holding its processes, following its updates, removed when it stops; a busy
 * loop under a 5 % processor maximum gets about that.
 */
@Timeout(60)
class ContainerCgroupTest {
    private static final long MIB = 1 << 20;
    static Emulator emulator;

    @BeforeAll
    static void start() {
        emulator = new Emulator(null);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static ComputeSystem running(ObjectNode doc) throws Exception {
        ComputeSystem s = HcsService.open(emulator.backend(), HcsGeneration.COMPUTECORE).createComputeSystem(Docs.id(), doc);
        s.start();
        return s;
    }

    /** The value of a limit file: v2's, or v1's in the controller directory that has it. */
    private static String limit(List<Path> dirs, String v2File, String v1File) throws IOException {
        for (Path d : dirs) {
            for (String f : List.of(v2File, v1File)) {
                if (Files.isRegularFile(d.resolve(f))) {
                    return Files.readString(d.resolve(f)).strip();
                }
            }
        }
        throw new IOException("no " + v2File + " or " + v1File + " in " + dirs);
    }

    private static long runtime100ns(ComputeSystem s) throws Exception {
        return s.properties(Docs.query("Statistics"), JsonNode.class).at("/Statistics/Processor/TotalRuntime100ns").asLong();
    }

    @Test
    void theNextEmulatorRemovesTheEmptyCgroupsOfOneThatDiedAndLeavesTheRest() throws Exception {
        SystemCgroup orphan = SystemCgroup.create(Docs.id());
        assumeTrue(orphan != null, "cgroups are not usable here (see the emulator's log)");
        SystemCgroup busy = SystemCgroup.create(Docs.id());
        SystemCgroup owned = SystemCgroup.create(Docs.id());
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            busy.add(sleeper.pid());
            // Their owner died: its record names a process that has ended.
            Process gone = new ProcessBuilder("true").start();
            gone.waitFor();
            for (SystemCgroup c : List.of(orphan, busy)) {
                Path record = Emulator.stateDir().resolve("cgroups").resolve(c.dirs().get(0).getFileName().toString());
                String text = Files.readString(record);
                Files.writeString(record, text.replaceFirst("(?m)^pid=.*$", "pid=" + gone.pid()));
            }
            new Emulator(null).close();
            orphan.dirs().forEach(d -> assertFalse(Files.exists(d), d + " of a dead emulator is left"));
            busy.dirs().forEach(d -> assertTrue(Files.isDirectory(d), d + " still holds a process: it stays"));
            owned.dirs().forEach(d -> assertTrue(Files.isDirectory(d), d + " has a live owner: it stays"));
            assertTrue(sleeper.isAlive(), "a process in a left cgroup is not touched");
        } finally {
            sleeper.destroyForcibly().waitFor();
            busy.remove();
            owned.remove();
            orphan.remove();
        }
        for (SystemCgroup c : List.of(orphan, busy, owned)) {
            assertFalse(Files.exists(Emulator.stateDir().resolve("cgroups").resolve(c.dirs().get(0).getFileName().toString())),
                    "the record goes with its cgroup");
        }
    }

    @Test
    void theCgroupIsMadeWithTheContainerFollowsItsLimitsAndGoesWithIt() throws Exception {
        ObjectNode doc = Docs.container();
        doc.with("Container").putObject("Memory").put("SizeInMB", 256);
        List<Path> dirs;
        try (ComputeSystem s = running(doc)) {
            dirs = emulator.find(s.id()).cgroupDirs();
            assumeTrue(!dirs.isEmpty(), "cgroups are not usable here (see the emulator's log)");
            dirs.forEach(d -> assertTrue(Files.isDirectory(d), d + " made at start"));
            assertEquals(Long.toString(256 * MIB), limit(dirs, "memory.max", "memory.limit_in_bytes"));
            try (HcsProcess p = s.createProcess(Docs.process("sleep", "30"))) {
                for (Path d : dirs) {
                    assertTrue(Files.readAllLines(d.resolve("cgroup.procs")).contains(Long.toString(p.pid())),
                            "the process is in " + d);
                }
                s.modify("{\"ResourcePath\":\"Container/Memory/SizeInMB\",\"RequestType\":\"Update\",\"Settings\":128}");
                assertEquals(Long.toString(128 * MIB), limit(dirs, "memory.max", "memory.limit_in_bytes"));
                s.modify("{\"ResourcePath\":\"Container/Processor\",\"RequestType\":\"Update\",\"Settings\":{\"Weight\":200}}");
                assertTrue(List.of("200", "2048").contains(limit(dirs, "cpu.weight", "cpu.shares")));
                s.terminate();
                s.waitExit(FacadeLifecycleTest.WAIT);
            }
        }
        dirs.forEach(d -> assertFalse(Files.exists(d), d + " removed when the container stopped"));
    }

    @Test
    void aBusyLoopUnderAProcessorMaximumGetsAboutThatShare() throws Exception {
        try (ComputeSystem s = running(Docs.container())) {
            assumeTrue(!emulator.find(s.id()).cgroupDirs().isEmpty(), "cgroups are not usable here");
            try (HcsProcess p = s.createProcess(Docs.process("sh", "-c", "while :; do :; done"))) {
                long t0 = runtime100ns(s);
                Thread.sleep(1500);
                long unlimited = runtime100ns(s) - t0;
                s.modify("{\"ResourcePath\":\"Container/Processor\",\"RequestType\":\"Update\",\"Settings\":{\"Maximum\":500}}");
                Thread.sleep(200);
                long t1 = runtime100ns(s);
                Thread.sleep(1500);
                long limited = runtime100ns(s) - t1;
                // 5 % of every host processor for 1.5 s, with room for the scheduler's granularity.
                long allowed = 500L * Runtime.getRuntime().availableProcessors() * 15_000_000L / 10_000;
                assertTrue(limited < allowed * 3 / 2 + 500_000, "limited: " + limited + " (allowed " + allowed + ")");
                assertTrue(unlimited > 2 * limited, "unlimited " + unlimited + " vs limited " + limited);
                s.terminate();
            }
        }
    }
}
