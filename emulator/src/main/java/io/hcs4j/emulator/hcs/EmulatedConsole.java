package io.hcs4j.emulator.hcs;

import io.hcs4j.emulator.os.Pty;
import io.hcs4j.hcs.raw.HResults;
import io.hcs4j.platform.posix.Posix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;

/**
 * The console HCS hosts for a process started with EmulateConsole: a pseudo-terminal whose master the emulator
 * relays to the process-side ends of the stdin and stdout pipes, so the caller sees pipes either way. Typed input
 * goes from the stdin pipe to the terminal; everything the process tree writes to the terminal goes to the stdout
 * pipe (drained when there is none, so the process never blocks). When the last process holding the terminal is gone,
 * the stdout pipe closes (the caller reads EOF), the stdin relay stops, and the terminal is closed.
 */
final class EmulatedConsole {
    private static final Logger LOG = LoggerFactory.getLogger(EmulatedConsole.class);

    private final Pty pty;
    private final FileChannel stdin;
    private final FileChannel stdout;

    private EmulatedConsole(Pty pty, FileChannel stdin, FileChannel stdout) {
        this.pty = pty;
        this.stdin = stdin;
        this.stdout = stdout;
    }

    /**
     * Starts relaying; takes ownership of the terminal and of the pipe ends given ({@code stdinRead}, the read end of
     * the stdin pipe, and {@code stdoutWrite}, the write end of the stdout pipe; -1 for none).
     */
    static EmulatedConsole relay(Pty pty, String name, int stdinRead, int stdoutWrite) throws IOException {
        FileChannel in = null;
        FileChannel out;
        try {
            in = stdinRead < 0 ? null : reopen(stdinRead, StandardOpenOption.READ);
            out = stdoutWrite < 0 ? null : reopen(stdoutWrite, StandardOpenOption.WRITE);
        } catch (IOException e) {
            close(in);
            pty.close();
            throw e;
        }
        CompletableFuture<Void> outDone = new CompletableFuture<>();
        CompletableFuture<Void> inDone = stdinRead < 0 ? CompletableFuture.completedFuture(null) : new CompletableFuture<>();
        CompletableFuture.allOf(outDone, inDone).whenComplete((v, e) -> pty.close());
        EmulatedConsole console = new EmulatedConsole(pty, in, out);
        thread(name + "-console-out", () -> {
            try {
                console.copyOut();
            } finally {
                close(console.stdout);
                // The terminal is gone for good: nothing typed from now on can reach a process.
                close(console.stdin);
                outDone.complete(null);
            }
        });
        if (in != null) {
            thread(name + "-console-in", () -> {
                try {
                    console.copyIn();
                } finally {
                    inDone.complete(null);
                }
            });
        }
        return console;
    }

    /**
     * Re-opens a pipe end as a FileChannel (and closes the descriptor): a FileChannel can be closed while another
     * thread is blocked on it, which then returns.
     */
    private static FileChannel reopen(int fd, StandardOpenOption mode) throws IOException {
        try {
            return FileChannel.open(Path.of("/proc/self/fd/" + fd), mode);
        } finally {
            Posix.close(fd);
        }
    }

    private void copyOut() {
        InputStream terminal = pty.input();
        byte[] buf = new byte[16 * 1024];
        boolean callerGone = stdout == null;
        try {
            int n;
            while ((n = terminal.read(buf, 0, buf.length)) > 0) {
                if (!callerGone) {
                    try {
                        ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
                        while (b.hasRemaining()) {
                            stdout.write(b);
                        }
                    } catch (IOException e) {
                        // The caller closed its end: keep draining so the process never blocks on its terminal.
                        callerGone = true;
                    }
                }
            }
        } catch (IOException e) {
            LOG.debug("console output relay ended: {}", e.toString());
        }
    }

    private void copyIn() {
        OutputStream terminal = pty.output();
        ByteBuffer buf = ByteBuffer.allocate(16 * 1024);
        try {
            while (stdin.read(buf.clear()) > 0) {
                terminal.write(buf.array(), 0, buf.position());
            }
        } catch (IOException e) {
            // The terminal went away (the channel was closed under us) or cannot take input any more.
            LOG.debug("console input relay ended: {}", e.toString());
        }
    }

    /** Sets the terminal's size; the process's foreground group hears SIGWINCH. */
    void resize(int width, int height) {
        if (width <= 0 || height <= 0 || width > 0xFFFF || height > 0xFFFF) {
            throw new HcsFault(HResults.E_INVALIDARG, "invalid console size " + width + "x" + height);
        }
        try {
            pty.resize(width, height);
        } catch (IOException e) {
            throw new HcsFault(HResults.HCS_E_INVALID_STATE, "the console has closed");
        }
    }

    private static void thread(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    private static void close(FileChannel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                LOG.debug("closing a console pipe: {}", e.toString());
            }
        }
    }
}
