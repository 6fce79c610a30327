package io.hcs4j.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetachedTest {
    @TempDir
    Path dir;

    @Test
    void startsAGrandchildInItsOwnSessionWithTheBuildersSettings() throws Exception {
        Path out = dir.resolve("out");
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", "echo \"$PWD $DETACHED_TEST\" > out; exec sleep 30")
                .directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("DETACHED_TEST", "passed-through");
        ProcessHandle p = Detached.start(pb).orElseThrow();
        try {
            assertTrue(p.isAlive());
            assertTrue(ProcessHandle.current().children().noneMatch(c -> c.pid() == p.pid()),
                    "not a child: the JVM does not reap it");
            assertEquals(p.pid(), session(p.pid()), "leads a session of its own");
            for (int i = 0; i < 100 && !Files.exists(out); i++) {
                Thread.sleep(20);
            }
            assertEquals(dir.toRealPath() + " passed-through", Files.readString(out).trim());
            assertEquals(List.of(), Files.list(Path.of(System.getProperty("java.io.tmpdir")))
                    .filter(f -> f.getFileName().toString().startsWith("hcs4j-detached")).toList(), "no pid file left");
        } finally {
            p.destroyForcibly();
            p.onExit().get(10, TimeUnit.SECONDS);
        }
    }

    /** A shell's background job ("&") would start with SIGINT and SIGQUIT ignored, and pass that on to all it runs. */
    @Test
    void theProcessStartsWithDefaultInterruptAndQuitHandling() throws Exception {
        ProcessHandle p = Detached.start(new ProcessBuilder("sleep", "30")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD))
                .orElseThrow();
        try {
            String ignored = Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status")).stream()
                    .filter(l -> l.startsWith("SigIgn:")).findFirst().orElseThrow().substring(7).trim();
            long mask = Long.parseUnsignedLong(ignored, 16);
            assertEquals(0, mask & ((1L << (2 - 1)) | (1L << (3 - 1))), "SIGINT (2) and SIGQUIT (3) not ignored: " + ignored);
        } finally {
            p.destroyForcibly();
            p.onExit().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aCommandThatCannotRunIsNotReportedAlive() throws Exception {
        Optional<ProcessHandle> p = Detached.start(new ProcessBuilder(dir.resolve("missing").toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD));
        if (p.isPresent()) {
            p.get().onExit().get(10, TimeUnit.SECONDS);
            assertFalse(p.get().isAlive());
        }
    }

    /** Field 6 of /proc/PID/stat (after the parenthesized command name). */
    private static long session(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[3]);
    }
}
