package io.hcs4j.shim.stdio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hcs4j.shim.runtime.RuntimeProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Upstream IO with real processes: file:// logs, stdin close, and a binary:// logging driver. */
@Timeout(60)
class UpstreamIoTest {
    @TempDir
    Path dir;

    /** A real process behind the RuntimeProcess interface. */
    private static RuntimeProcess process(String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).start();
        CompletableFuture<Integer> exit = p.onExit().thenApply(Process::exitValue);
        return new RuntimeProcess() {
            public int pid() {
                return (int) p.pid();
            }

            public OutputStream stdin() {
                return p.getOutputStream();
            }

            public InputStream stdout() {
                return p.getInputStream();
            }

            public InputStream stderr() {
                return p.getErrorStream();
            }

            public void closeStdin() throws IOException {
                p.getOutputStream().close();
            }

            public void resizeConsole(int w, int h) {
                throw new IllegalStateException();
            }

            public boolean signal(int s) {
                p.destroyForcibly();
                return true;
            }

            public CompletableFuture<Integer> exit() {
                return exit;
            }

            public void close() {
            }
        };
    }

    @Test
    void fileLogsGetStdoutAndStderr() throws Exception {
        Path out = dir.resolve("out.log");
        Path err = dir.resolve("err.log");
        RuntimeProcess p = process("sh", "-c", "echo to-out; echo to-err >&2");
        try (UpstreamIo io = UpstreamIo.connect("t", p, "", out.toUri().toString(), err.toUri().toString(),
                new UpstreamIo.LoggerLaunch("t", "ns"))) {
            io.drained().get(20, TimeUnit.SECONDS);
        }
        assertEquals(0, p.exit().get(20, TimeUnit.SECONDS));
        assertEquals("to-out\n", Files.readString(out));
        assertEquals("to-err\n", Files.readString(err));
    }

    @Test
    void stdinFromAFifoReachesTheProcessAndEofEndsIt() throws Exception {
        Path fifo = dir.resolve("stdin");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Path out = dir.resolve("cat.out");
        RuntimeProcess p = process("cat");
        try (UpstreamIo io = UpstreamIo.connect("t", p, fifo.toString(), out.toUri().toString(), "",
                new UpstreamIo.LoggerLaunch("t", "ns"))) {
            try (OutputStream w = Files.newOutputStream(fifo)) {
                w.write("through the fifo\n".getBytes());
            }
            io.drained().get(20, TimeUnit.SECONDS);
        }
        assertEquals(0, p.exit().get(20, TimeUnit.SECONDS));
        assertEquals("through the fifo\n", Files.readString(out));
    }

    @Test
    void binaryLoggerReceivesBothStreamsWithTheContainerEnvironment() throws Exception {
        Path logger = dir.resolve("logger.sh");
        Path sink = dir.resolve("sink");
        Files.writeString(logger, "#!/bin/sh\n"
                + "exec 5>&-\n" // ready
                + "{ cat <&3; cat <&4; echo \"$CONTAINER_ID/$CONTAINER_NAMESPACE $1\"; } > " + sink + ".tmp\n"
                + "mv " + sink + ".tmp " + sink + "\n");
        Files.setPosixFilePermissions(logger, PosixFilePermissions.fromString("rwx------"));
        RuntimeProcess p = process("sh", "-c", "echo out-line; echo err-line >&2");
        String uri = "binary://" + logger + "?flag=on";
        try (UpstreamIo io = UpstreamIo.connect("c1", p, "", uri, uri, new UpstreamIo.LoggerLaunch("c1", "ns1"))) {
            io.drained().get(20, TimeUnit.SECONDS);
        }
        // Closing the IO waits (bounded) for the driver to exit, and it writes its sink before it exits.
        assertTrue(Files.exists(sink), "logging driver wrote its sink");
        assertEquals("out-line\nerr-line\nc1/ns1 flag=on\n", Files.readString(sink));
    }
}
