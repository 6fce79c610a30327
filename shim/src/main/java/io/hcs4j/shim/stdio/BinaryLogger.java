package io.hcs4j.shim.stdio;

import io.hcs4j.platform.posix.Libc;
import java.io.Closeable;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * containerd's {@code binary://PATH?k=v} logging driver: the binary runs with CONTAINER_ID and
 * CONTAINER_NAMESPACE set, reads stdout on fd 3 and stderr on fd 4, and closes fd 5 once it is ready.
 * The JDK cannot hand a child extra descriptors, so a /bin/sh trampoline opens three FIFOs onto 3, 4 and 5
 * before it execs the driver.
 */
final class BinaryLogger implements Closeable {
    private static final long READY_TIMEOUT_SECONDS = 10;
    private final Process process;
    private final Path dir;
    private final List<Closeable> ends = new ArrayList<>();
    private OutputStream stdout;
    private OutputStream stderr;

    private BinaryLogger(Process process, Path dir) {
        this.process = process;
        this.dir = dir;
    }

    static BinaryLogger start(URI uri, UpstreamIo.LoggerLaunch launch) throws IOException {
        String binary = uri.getPath();
        if (binary == null || binary.isEmpty()) {
            throw new IOException("binary:// URI names no program: " + uri);
        }
        List<String> args = new ArrayList<>();
        String query = uri.getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                args.add(v.isEmpty() ? k : k + "=" + v);
            }
        }
        Path dir = Files.createTempDirectory("hcs4j-logger-");
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        Path ready = dir.resolve("ready");
        for (Path p : List.of(out, err, ready)) {
            if (Libc.INSTANCE.mkfifo(p.toString(), 0600) != 0) {
                deleteQuietly(dir);
                throw new IOException("mkfifo " + p + " failed");
            }
        }
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c",
                "exec 3<\"$1\" 4<\"$2\" 5>\"$3\"; shift 3; exec \"$@\"", "logger", out.toString(), err.toString(),
                ready.toString(), binary));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("CONTAINER_ID", launch.containerId());
        pb.environment().put("CONTAINER_NAMESPACE", launch.namespace());
        BinaryLogger logger = new BinaryLogger(pb.start(), dir);
        try {
            // Our write ends (O_RDWR never blocks); closing them later is the driver's EOF.
            RandomAccessFile o = new RandomAccessFile(out.toFile(), "rw");
            logger.ends.add(o);
            logger.stdout = new FileOutputStream(o.getFD());
            RandomAccessFile e = new RandomAccessFile(err.toFile(), "rw");
            logger.ends.add(e);
            logger.stderr = new FileOutputStream(e.getFD());
            logger.awaitReady(ready);
        } catch (IOException | RuntimeException e) {
            logger.close();
            throw e;
        }
        return logger;
    }

    /** Opens the ready FIFO for reading (from a helper, bounded) and waits for the driver to close fd 5. */
    private void awaitReady(Path ready) throws IOException {
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
            try (InputStream in = new FileInputStream(ready.toFile())) {
                // A plain read loop: FileInputStream.readAllBytes seeks, which a FIFO refuses.
                byte[] buf = new byte[64];
                while (in.read(buf) >= 0) {
                    // the driver writes nothing; EOF is its signal
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            done.get(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            // Release the helper blocked in open() by becoming the FIFO's writer once.
            try (RandomAccessFile w = new RandomAccessFile(ready.toFile(), "rw")) {
                w.getFD().valid();
            }
            throw new IOException("logging driver did not become ready in " + READY_TIMEOUT_SECONDS + " s");
        } catch (ExecutionException e) {
            throw new IOException("logging driver failed to start: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for the logging driver");
        }
    }

    OutputStream stdout() {
        return stdout;
    }

    OutputStream stderr() {
        return stderr;
    }

    @Override
    public void close() {
        for (Closeable c : ends) {
            try {
                c.close();
            } catch (IOException ignored) {
                // the driver sees EOF either way
            }
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        deleteQuietly(dir);
    }

    private static void deleteQuietly(Path dir) {
        try (var s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // temp dir: nothing else depends on it
        }
    }
}
