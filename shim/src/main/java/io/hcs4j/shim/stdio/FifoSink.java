package io.hcs4j.shim.stdio;

import io.hcs4j.platform.posix.Libc;
import com.sun.jna.NativeLong;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's stdout/stderr FIFO, opened the way containerd's own shims open it: write-only, which waits for
 * the client's reader, so output is never written into a FIFO nobody has opened (and lost when the shim closes
 * it). The open waits on its own thread, bounded: a reader that never comes is logged and the output dropped.
 * Once the writer is open the shim also holds a read end, so a client that goes away (to re-attach later)
 * does not turn the writes into EPIPE. That read end is also why a write can block for good once the FIFO is
 * full and nobody reads: {@link #drop()} ends that, for a process that was killed or has exited.
 */
final class FifoSink implements Closeable {
    private static final Logger log = LoggerFactory.getLogger(FifoSink.class);

    private static final long RELEASE_WAIT_MS = 2000;
    private static final short POLLIN = 1;
    /** How often a drop re-checks whether the write it releases has returned. */
    private static final int DROP_POLL_MS = 50;

    private final Path fifo;
    private final Duration readerTimeout;
    private final CompletableFuture<FileOutputStream> opened = new CompletableFuture<>();
    private OutputStream out;
    private int heldReader = -1;
    private boolean closed;
    private volatile boolean dropped;
    private volatile boolean writing;

    private FifoSink(Path fifo, Duration readerTimeout) {
        this.fifo = fifo;
        this.readerTimeout = readerTimeout;
    }

    /** Starts opening {@code fifo} for writing; fails at once if it is not there (opening would create a file). */
    static FifoSink open(Path fifo, Duration readerTimeout, String name) throws IOException {
        if (!Files.exists(fifo)) {
            throw new IOException("stdio FIFO " + fifo + " does not exist");
        }
        FifoSink sink = new FifoSink(fifo, readerTimeout);
        Thread t = new Thread(() -> {
            try {
                sink.opened.complete(new FileOutputStream(fifo.toFile())); // blocks until a reader opens it
            } catch (IOException e) {
                sink.opened.completeExceptionally(e);
            }
        }, name + "-open");
        t.setDaemon(true);
        t.start();
        return sink;
    }

    /**
     * Waits (bounded) for the client's reader. Returns the writer, or null when there is none to write to:
     * no reader came within the timeout, the open failed, or the sink was closed meanwhile.
     */
    OutputStream await() throws InterruptedException {
        FileOutputStream stream;
        try {
            stream = opened.get(readerTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("no reader opened {} within {} ms: its output is discarded", fifo, readerTimeout.toMillis());
            close();
            return null;
        } catch (ExecutionException e) {
            log.warn("cannot open {}: {}", fifo, e.getCause().getMessage());
            return null;
        }
        synchronized (this) {
            if (closed) {
                return null; // close() closes the stream
            }
            if (out == null) {
                out = new OutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        write(new byte[] {(byte) b}, 0, 1);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        FifoSink.this.write(stream, b, off, len);
                    }
                };
                heldReader = Libc.INSTANCE.open(fifo.toString(), Libc.O_RDONLY | Libc.O_NONBLOCK);
            }
            return out;
        }
    }

    /** Writes unless dropped. {@code writing} is set before {@code dropped} is read; {@link #drop()} does the reverse. */
    private void write(FileOutputStream stream, byte[] b, int off, int len) throws IOException {
        writing = true;
        try {
            if (!dropped) {
                stream.write(b, off, len);
            }
        } finally {
            writing = false;
        }
    }

    /**
     * Stops writing for good: later writes are discarded, and a write blocked on a full FIFO that nobody reads
     * is released by emptying the FIFO through a read end of the shim's own until that write has returned.
     */
    void drop() {
        dropped = true;
        if (!writing) {
            return;
        }
        int fd = Libc.INSTANCE.open(fifo.toString(), Libc.O_RDONLY | Libc.O_NONBLOCK);
        if (fd < 0) {
            log.warn("cannot open {} to release a blocked write", fifo);
            return;
        }
        try {
            ByteBuffer scratch = ByteBuffer.allocateDirect(64 * 1024);
            Libc.PollFd[] poll = (Libc.PollFd[]) new Libc.PollFd().toArray(1);
            poll[0].fd = fd;
            poll[0].events = POLLIN;
            while (writing) {
                if (Libc.INSTANCE.read(fd, scratch, new NativeLong(scratch.capacity())).longValue() <= 0) {
                    Libc.INSTANCE.poll(poll, new NativeLong(1), DROP_POLL_MS);
                }
            }
        } finally {
            Libc.INSTANCE.close(fd);
        }
    }

    /**
     * Closes both ends; the client's reader still gets what is in the FIFO, then EOF. An open still waiting
     * for a reader is released by briefly being the reader (a non-blocking open), and what it yields closed.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (heldReader >= 0) {
                Libc.INSTANCE.close(heldReader);
            }
        }
        if (!opened.isDone()) {
            releaseOpen();
        }
        opened.thenAccept(FifoSink::closeQuietly);
    }

    /** Holds a read end until the waiting open returns (bounded: it may not have reached open(2) yet). */
    private void releaseOpen() {
        int fd = Libc.INSTANCE.open(fifo.toString(), Libc.O_RDONLY | Libc.O_NONBLOCK);
        try {
            opened.get(RELEASE_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            log.debug("the open of {} did not return: {}", fifo, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (fd >= 0) {
                Libc.INSTANCE.close(fd);
            }
        }
    }

    private static void closeQuietly(OutputStream s) {
        try {
            s.close();
        } catch (IOException e) {
            log.debug("closing a stdio FIFO: {}", e.getMessage());
        }
    }
}
