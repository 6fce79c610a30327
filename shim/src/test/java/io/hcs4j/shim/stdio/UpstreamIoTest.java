package io.hcs4j.shim.stdio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hcs4j.cow.SignalOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Upstream IO with real processes: file:// logs, stdout/stderr and stdin FIFOs, stdin close, a binary:// logging driver. */
@Timeout(60)
class UpstreamIoTest {
    @TempDir
    Path dir;

    /** A real process behind cow's Process interface. */
    private static io.hcs4j.cow.Process process(String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).start();
        CompletableFuture<Integer> exit = p.onExit().thenApply(Process::exitValue);
        return new io.hcs4j.cow.Process() {
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

            public void closeStdout() throws IOException {
                p.getInputStream().close();
            }

            public void closeStderr() throws IOException {
                p.getErrorStream().close();
            }

            public void resizeConsole(int w, int h) {
                throw new IllegalStateException();
            }

            public boolean kill() {
                p.destroyForcibly();
                return true;
            }

            public boolean signal(SignalOptions s) {
                return kill();
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
        io.hcs4j.cow.Process p = process("sh", "-c", "echo to-out; echo to-err >&2");
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
        io.hcs4j.cow.Process p = process("cat");
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
        io.hcs4j.cow.Process p = process("sh", "-c", "echo out-line; echo err-line >&2");
        String uri = "binary://" + logger + "?flag=on";
        try (UpstreamIo io = UpstreamIo.connect("c1", p, "", uri, uri, new UpstreamIo.LoggerLaunch("c1", "ns1"))) {
            io.drained().get(20, TimeUnit.SECONDS);
        }
        // Closing the IO waits (bounded) for the driver to exit, and it writes its sink before it exits.
        assertTrue(Files.exists(sink), "logging driver wrote its sink");
        assertEquals("out-line\nerr-line\nc1/ns1 flag=on\n", Files.readString(sink));
    }

    private Path mkfifo(String name) throws Exception {
        Path fifo = dir.resolve(name);
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        return fifo;
    }

    private static Thread thread(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst().orElse(null);
    }

    @Test
    void fifoOutputWrittenBeforeTheReaderOpensIsDelivered() throws Exception {
        Path fifo = mkfifo("stdout");
        io.hcs4j.cow.Process p = process("sh", "-c", "echo early-out; echo early-err >&2");
        try (UpstreamIo io = UpstreamIo.connect("t", p, "", fifo.toString(), fifo.toString(),
                new UpstreamIo.LoggerLaunch("t", "ns"))) {
            assertEquals(0, p.exit().get(20, TimeUnit.SECONDS));
            assertFalse(io.drained().isDone(), "nothing is drained into a FIFO that has no reader yet");
            byte[] got;
            try (InputStream r = Files.newInputStream(fifo)) { // the client's reader, late
                got = r.readAllBytes(); // to EOF: the shim closes its ends once everything is copied
            }
            String text = new String(got, StandardCharsets.UTF_8);
            assertTrue(text.contains("early-out\n") && text.contains("early-err\n") && text.length() == 20, text);
            io.drained().get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFifoReaderThatNeverComesIsGivenUpBoundedAndTheProcessIsStillDrained() throws Exception {
        Path fifo = mkfifo("stdout");
        io.hcs4j.cow.Process p = process("sh", "-c", "head -c 200000 /dev/zero; echo done >&2");
        Path err = dir.resolve("err.log");
        try (UpstreamIo io = UpstreamIo.connect("t", p, "", fifo.toString(), err.toUri().toString(),
                new UpstreamIo.LoggerLaunch("t", "ns"), Duration.ofMillis(300))) {
            io.drained().get(20, TimeUnit.SECONDS);
        }
        // 200 000 bytes are more than a pipe holds: the process could only finish because they were drained.
        assertEquals(0, p.exit().get(20, TimeUnit.SECONDS));
        assertEquals("done\n", Files.readString(err));
        Thread opener = thread("t-stdout-open");
        if (opener != null) {
            opener.join(10_000);
            assertFalse(opener.isAlive(), "the open waiting for a reader was released");
        }
    }

    @Test
    void closingBeforeAnyReaderReleasesTheWaitingOpen() throws Exception {
        Path fifo = mkfifo("stdout");
        io.hcs4j.cow.Process p = process("sleep", "30");
        UpstreamIo io = UpstreamIo.connect("c", p, "", fifo.toString(), "", new UpstreamIo.LoggerLaunch("c", "ns"));
        io.close();
        p.kill();
        io.drained().get(20, TimeUnit.SECONDS);
        Thread opener = thread("c-stdout-open");
        if (opener != null) {
            opener.join(10_000);
            assertFalse(opener.isAlive(), "the open waiting for a reader was released");
        }
    }

    /** Issue 15, defect 2: a FIFO whose reader went away would block the copier for good (the shim holds a read end). */
    @Test
    void outputOfAKilledProcessWhoseReaderWentAwayIsDroppedAfterTheBound() throws Exception {
        Path fifo = mkfifo("stdout");
        io.hcs4j.cow.Process p = process("head", "-c", "200000000", "/dev/zero");
        try (UpstreamIo io = UpstreamIo.connect("gone", p, "", fifo.toString(), "", new UpstreamIo.LoggerLaunch("t", "ns"))) {
            try (InputStream reader = Files.newInputStream(fifo)) {
                reader.readNBytes(4096); // the client reads a little, then goes away
            }
            Thread.sleep(300); // the FIFO fills up and the copier blocks writing into it
            p.kill();
            assertEquals(137, p.exit().get(20, TimeUnit.SECONDS));
            assertFalse(io.drained().isDone(), "the copier is stuck writing into the full FIFO");
            io.dropOutputAfter(Duration.ofMillis(200));
            io.drained().get(5, TimeUnit.SECONDS);
        }
        Thread copier = thread("gone-stdout");
        if (copier != null) {
            copier.join(5_000);
            assertFalse(copier.isAlive(), "the copier ended");
        }
    }

    @Test
    void dropOutputAfterLeavesOutputThatIsReadAlone() throws Exception {
        Path fifo = mkfifo("stdout");
        io.hcs4j.cow.Process p = process("head", "-c", "300000", "/dev/zero");
        try (UpstreamIo io = UpstreamIo.connect("t", p, "", fifo.toString(), "", new UpstreamIo.LoggerLaunch("t", "ns"));
                InputStream reader = Files.newInputStream(fifo)) {
            io.dropOutputAfter(Duration.ofSeconds(10));
            assertEquals(300_000, reader.readAllBytes().length, "a reader that keeps reading gets everything");
            io.drained().get(5, TimeUnit.SECONDS);
        }
    }

    /**
     * Issue 14's leak: an IO closed before its stdin copier reached open(2) left that copier blocked for good
     * opening a FIFO no writer would ever open. Every copier must end, however the race falls.
     */
    @Test
    void closingRightAfterConnectNeverLeavesTheStdinCopierBlockedInOpen() throws Exception {
        Path fifo = mkfifo("stdin");
        for (int i = 0; i < 40; i++) {
            io.hcs4j.cow.Process p = process("cat");
            UpstreamIo io = UpstreamIo.connect("race" + i, p, fifo.toString(), "", "", new UpstreamIo.LoggerLaunch("t", "ns"));
            io.close();
            p.kill();
            Thread copier = thread("race" + i + "-stdin");
            if (copier != null) {
                copier.join(10_000);
                assertFalse(copier.isAlive(), "stdin copier " + i + " ended: " + java.util.Arrays.toString(copier.getStackTrace()));
            }
        }
    }

    /** A client's writer on {@code fifo} as containerd's fifo package opens it: waiting for a reader, on its own thread. */
    private static CompletableFuture<OutputStream> clientWriter(Path fifo) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return Files.newOutputStream(fifo);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /**
     * ctr's order: its stdin is at EOF, so it sends CloseIO while still holding its writer, and closes the writer
     * only once CloseIO has returned. CloseIO waited (2 s) for an EOF that could only come after it: the exec's
     * ≈2 s outliers. It must return at once, and what the client wrote still reaches the process.
     */
    @Test
    void closeIoReturnsAtOnceWhileTheClientHoldsItsWriterAndNothingWrittenIsLost() throws Exception {
        Path fifo = mkfifo("stdin");
        Path out = dir.resolve("cat.out");
        CompletableFuture<OutputStream> client = clientWriter(fifo);
        io.hcs4j.cow.Process p = process("cat");
        try (UpstreamIo io = UpstreamIo.connect("ctr", p, fifo.toString(), out.toUri().toString(), "",
                new UpstreamIo.LoggerLaunch("t", "ns"))) {
            OutputStream w = client.get(10, TimeUnit.SECONDS);
            w.write("written before CloseIO\n".getBytes());
            w.flush();
            CompletableFuture.runAsync(io::closeStdin).get(1, TimeUnit.SECONDS);
            assertFalse(p.exit().isDone(), "the process's stdin stays open until the client's EOF");
            w.close();
            assertEquals(0, p.exit().get(10, TimeUnit.SECONDS));
            io.drained().get(10, TimeUnit.SECONDS);
        }
        assertEquals("written before CloseIO\n", Files.readString(out));
    }

    /** A client whose writer came and went before the shim connected: CloseIO ends the process's stdin at once. */
    @Test
    void closeIoEndsStdinWhenTheClientClosedItsEndBeforeTheShimConnected() throws Exception {
        Path fifo = mkfifo("stdin");
        int early = io.hcs4j.platform.posix.Libc.INSTANCE.open(fifo.toString(),
                io.hcs4j.platform.posix.Libc.O_RDWR | io.hcs4j.platform.posix.Libc.O_NONBLOCK);
        assertTrue(early >= 0);
        io.hcs4j.platform.posix.Libc.INSTANCE.close(early);
        io.hcs4j.cow.Process p = process("cat");
        try (UpstreamIo io = UpstreamIo.connect("gone", p, fifo.toString(), "", "", new UpstreamIo.LoggerLaunch("t", "ns"))) {
            CompletableFuture.runAsync(io::closeStdin).get(1, TimeUnit.SECONDS);
            assertEquals(0, p.exit().get(10, TimeUnit.SECONDS), "cat saw EOF");
        }
        Thread copier = thread("gone-stdin");
        if (copier != null) {
            copier.join(5_000);
            assertFalse(copier.isAlive(), "the stdin copier ended: " + java.util.Arrays.toString(copier.getStackTrace()));
        }
    }

    /** Closing the IO (the process's exit) ends a copier still reading a client that keeps its writer open. */
    @Test
    void closingEndsAStdinCopierWhoseClientKeepsItsWriterOpen() throws Exception {
        Path fifo = mkfifo("stdin");
        CompletableFuture<OutputStream> client = clientWriter(fifo);
        io.hcs4j.cow.Process p = process("sleep", "30");
        UpstreamIo io = UpstreamIo.connect("held", p, fifo.toString(), "", "", new UpstreamIo.LoggerLaunch("t", "ns"));
        try (OutputStream w = client.get(10, TimeUnit.SECONDS)) {
            p.kill();
            p.exit().get(10, TimeUnit.SECONDS);
            io.close();
            Thread copier = thread("held-stdin");
            if (copier != null) {
                copier.join(5_000);
                assertFalse(copier.isAlive(), "the stdin copier ended: " + java.util.Arrays.toString(copier.getStackTrace()));
            }
        }
    }

    @Test
    void aMissingStdinFifoIsAClearError() throws Exception {
        io.hcs4j.cow.Process p = process("cat");
        Path missing = dir.resolve("no-such-stdin");
        IOException e = assertThrows(IOException.class, () -> UpstreamIo.connect("t", p, missing.toString(), "", "",
                new UpstreamIo.LoggerLaunch("t", "ns")));
        assertEquals("stdio FIFO " + missing + " does not exist", e.getMessage());
        assertFalse(Files.exists(missing), "no regular file is created in its place");
        p.kill();
        p.exit().get(20, TimeUnit.SECONDS);
    }

    @Test
    void aMissingStdoutFifoIsAClearError() throws Exception {
        io.hcs4j.cow.Process p = process("true");
        Path missing = dir.resolve("no-such-fifo");
        IOException e = assertThrows(IOException.class, () -> UpstreamIo.connect("t", p, "", missing.toString(), "",
                new UpstreamIo.LoggerLaunch("t", "ns")));
        assertEquals("stdio FIFO " + missing + " does not exist", e.getMessage());
        assertFalse(Files.exists(missing), "no regular file is created in its place");
        p.exit().get(20, TimeUnit.SECONDS);
    }
}
