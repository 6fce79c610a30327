package io.hcs4j.shim.stdio;

import io.hcs4j.cow.Process;
import io.hcs4j.platform.Connection;
import io.hcs4j.platform.posix.Libc;
import io.hcs4j.shim.ttrpc.transport.Transports;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects a process's stdio to what containerd asked for: FIFOs (Linux) or named pipes (Windows) that the
 * client created, {@code file://} logs, or a {@code binary://} logging driver. One copier thread per stream;
 * {@link #drained()} completes when stdout and stderr have been copied to the end. Output waits for a slow
 * reader, except once the process has been killed or has exited: then {@link #dropOutputAfter} bounds the wait,
 * so a reader that went away can never hold back the process's exit.
 */
public final class UpstreamIo implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UpstreamIo.class);
    private static final String PIPE_PREFIX = "\\\\.\\pipe\\";
    /** containerd opens its readers before it sends Create/Exec: this only bounds a client that never does. */
    private static final Duration FIFO_READER_TIMEOUT = Duration.ofSeconds(10);
    /** Bounds how long a release waits for the copier's open(2) to return (it returns once the copier runs). */
    private static final Duration STDIN_RELEASE_WAIT = Duration.ofSeconds(5);

    private final String id;
    private final List<Closeable> resources = new ArrayList<>();
    private final List<FifoSink> fifos = new ArrayList<>();
    private volatile boolean outputDropped;
    private final CompletableFuture<Void> drained;
    private final CountDownLatch stdinDone = new CountDownLatch(1);
    private volatile Process process;
    /** Guards the stdin copier's open of the client's FIFO against {@link #releaseStdinOpen()}. */
    private final Object stdinOpen = new Object();
    private boolean stdinOpening;
    private boolean stdinReleased;
    private final String stdinPath;

    private UpstreamIo(String id, String stdinPath, CompletableFuture<Void> drained) {
        this.id = id;
        this.stdinPath = stdinPath;
        this.drained = drained;
    }

    /**
     * Wires a started process. Each stdout/stderr copier first waits (bounded) for its sink: a client's FIFO
     * has its reader before anything is written to it. stdin is copied from a thread that opens the client's
     * FIFO (which blocks until the client has it open for writing).
     */
    public static UpstreamIo connect(String id, Process process, String stdin, String stdout, String stderr,
            LoggerLaunch logger) throws IOException {
        return connect(id, process, stdin, stdout, stderr, logger, FIFO_READER_TIMEOUT);
    }

    /** @param fifoReaderTimeout how long a stdout/stderr FIFO may wait for the client's reader */
    static UpstreamIo connect(String id, Process process, String stdin, String stdout, String stderr,
            LoggerLaunch logger, Duration fifoReaderTimeout) throws IOException {
        List<CompletableFuture<Void>> copies = new ArrayList<>();
        UpstreamIo io = new UpstreamIo(id, stdin, new CompletableFuture<>());
        io.process = process;
        boolean copiesStdin = process.stdin() != null && !stdin.isEmpty();
        if (copiesStdin && !stdin.startsWith(PIPE_PREFIX) && !Files.exists(Path.of(stdin))) {
            throw new IOException("stdio FIFO " + stdin + " does not exist");
        }
        try {
            Sink outSink;
            Sink errSink;
            if (isBinary(stdout)) {
                BinaryLogger bl = BinaryLogger.start(URI.create(stdout), logger);
                io.resources.add(bl);
                outSink = bl::stdout;
                errSink = bl::stderr;
            } else {
                outSink = io.sink(stdout, fifoReaderTimeout, id + "-stdout");
                errSink = stdout.equals(stderr) ? outSink : io.sink(stderr, fifoReaderTimeout, id + "-stderr");
            }
            copies.add(io.copy(process.stdout(), outSink, id + "-stdout"));
            copies.add(io.copy(process.stderr(), errSink, id + "-stderr"));
        } catch (IOException | RuntimeException e) {
            io.close();
            throw e;
        }
        // The FIFOs close once copied to the end, so the client's reader sees EOF after the last byte.
        CompletableFuture.allOf(copies.toArray(CompletableFuture[]::new))
                .whenComplete((v, e) -> {
                    io.fifos.forEach(FifoSink::close);
                    io.drained.complete(null);
                });
        if (copiesStdin) {
            Thread t = new Thread(io::copyStdin, id + "-stdin");
            t.setDaemon(true);
            t.start();
        } else {
            io.stdinDone.countDown();
        }
        return io;
    }

    private static boolean isBinary(String uri) {
        return uri.startsWith("binary://");
    }

    /** Where a copier writes, once it is there; null to discard. */
    private interface Sink {
        OutputStream await() throws InterruptedException;
    }

    private Sink sink(String target, Duration fifoReaderTimeout, String name) throws IOException {
        if (target == null || target.isEmpty()) {
            return () -> null;
        }
        OutputStream out;
        if (target.startsWith(PIPE_PREFIX)) {
            Connection c = Transports.dial(target);
            resources.add(c);
            out = c.output();
        } else if (target.startsWith("file://")) {
            Path path = Path.of(URI.create(target));
            Files.createDirectories(path.toAbsolutePath().getParent());
            out = Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            resources.add(out);
        } else {
            FifoSink fifo = FifoSink.open(Path.of(target), fifoReaderTimeout, name);
            resources.add(fifo);
            fifos.add(fifo);
            return fifo::await;
        }
        return () -> out;
    }

    private CompletableFuture<Void> copy(InputStream from, Sink sink, String name) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (from == null) {
            done.complete(null);
            return done;
        }
        Thread t = new Thread(() -> {
            byte[] buf = new byte[32 * 1024];
            try {
                OutputStream to = sink.await();
                boolean sinkOk = to != null;
                int n;
                while ((n = from.read(buf)) >= 0) {
                    if (sinkOk && !outputDropped) {
                        try {
                            to.write(buf, 0, n);
                            to.flush();
                        } catch (IOException e) {
                            // Keep draining so the process never blocks on a full pipe.
                            log.warn("{}: output sink failed: {}", name, e.getMessage());
                            sinkOk = false;
                        }
                    }
                }
            } catch (IOException e) {
                log.debug("{}: source ended: {}", name, e.getMessage());
            } catch (InterruptedException e) {
                log.debug("{}: interrupted waiting for its sink", name);
            } finally {
                done.complete(null);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return done;
    }

    private void copyStdin() {
        OutputStream to = process.stdin();
        try (InputStream in = openStdin()) {
            byte[] buf = new byte[32 * 1024];
            int n;
            while (in != null && (n = in.read(buf)) >= 0) {
                to.write(buf, 0, n);
                to.flush();
            }
        } catch (IOException e) {
            log.debug("{}: stdin copy ended: {}", id, e.getMessage());
        } finally {
            stdinDone.countDown();
            closeProcessStdin();
        }
    }

    /** The client's stdin, or null when the IO was closed before (or while) it was opened. */
    private InputStream openStdin() throws IOException {
        if (stdinPath.startsWith(PIPE_PREFIX)) {
            Connection c = Transports.dial(stdinPath);
            synchronized (resources) {
                resources.add(c);
            }
            return c.input();
        }
        synchronized (stdinOpen) {
            if (stdinReleased) {
                return null;
            }
            stdinOpening = true;
        }
        InputStream in;
        try {
            // Read-only, so the client closing its end is an EOF; this open waits for the client's writer. A channel's
            // stream: close() from another thread also ends a copier blocked reading it.
            in = Files.newInputStream(Path.of(stdinPath));
            synchronized (resources) {
                resources.add(in);
            }
        } finally {
            synchronized (stdinOpen) {
                stdinOpening = false;
                stdinOpen.notifyAll();
            }
        }
        synchronized (stdinOpen) {
            if (stdinReleased) {
                in.close();
                return null;
            }
        }
        return in;
    }

    private void closeProcessStdin() {
        try {
            process.closeStdin();
        } catch (IOException e) {
            log.debug("{}: closing stdin: {}", id, e.getMessage());
        }
    }

    /**
     * containerd's CloseIO(stdin). A FIFO: the copier forwards what the client wrote and closes the process's stdin
     * at the client's EOF; a copier still waiting for the client's writer is released, so it reads what is there,
     * then EOF. Nothing here waits for the client: ctr sends CloseIO while it still holds its writer and closes it
     * only once CloseIO has returned (waiting here held the task for 2 s). A named pipe: the copier may forward what
     * it has (bounded), then the process's stdin is closed regardless.
     */
    public void closeStdin() {
        if (!stdinPath.isEmpty() && !stdinPath.startsWith(PIPE_PREFIX)) {
            releaseStdinOpen();
            return;
        }
        try {
            if (!stdinDone.await(2, TimeUnit.SECONDS)) {
                log.debug("{}: stdin still open after CloseIO; closing it", id);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeProcessStdin();
    }

    public CompletableFuture<Void> drained() {
        return drained;
    }

    /**
     * For a process that was killed or has exited: if its output is not drained within {@code bound} (a client
     * reader that went away, or stopped reading), the rest is discarded with a warning, so the copiers read the
     * process's streams to the end and its exit is not held back (a guest reports the exit only then).
     */
    public void dropOutputAfter(Duration bound) {
        if (drained.isDone()) {
            return;
        }
        CompletableFuture.runAsync(this::dropOutput,
                CompletableFuture.delayedExecutor(bound.toMillis(), TimeUnit.MILLISECONDS));
    }

    private void dropOutput() {
        if (drained.isDone() || outputDropped) {
            return;
        }
        outputDropped = true;
        log.warn("{}: output not drained in time after the process ended or was killed: the rest is discarded", id);
        fifos.forEach(FifoSink::drop);
    }

    /**
     * Ends the stdin copier's wait for the client's writer: one that has not opened the FIFO yet never will,
     * and one inside open(2) is released by a writer of the shim's own, held until that open has returned
     * (closing it earlier, before the copier reached open(2), would leave the copier blocked for good).
     */
    private void releaseStdinOpen() {
        if (stdinPath.isEmpty() || stdinPath.startsWith(PIPE_PREFIX)) {
            return;
        }
        synchronized (stdinOpen) {
            stdinReleased = true;
            if (!stdinOpening) {
                return;
            }
        }
        int writer = Libc.INSTANCE.open(stdinPath, Libc.O_RDWR | Libc.O_NONBLOCK);
        if (writer < 0) {
            log.warn("{}: cannot release the stdin FIFO {}", id, stdinPath);
            return;
        }
        try {
            long deadline = System.nanoTime() + STDIN_RELEASE_WAIT.toNanos();
            synchronized (stdinOpen) {
                long left;
                while (stdinOpening && (left = deadline - System.nanoTime()) > 0) {
                    TimeUnit.NANOSECONDS.timedWait(stdinOpen, left);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            Libc.INSTANCE.close(writer);
        }
    }

    @Override
    public void close() {
        releaseStdinOpen();
        synchronized (resources) {
            for (Closeable c : resources) {
                try {
                    c.close();
                } catch (IOException e) {
                    log.debug("{}: closing stdio: {}", id, e.getMessage());
                }
            }
            resources.clear();
        }
    }

    /** Context a binary:// logging driver needs. */
    public record LoggerLaunch(String containerId, String namespace) {
    }
}
