package io.hcs4j.emulator.guest.runtime;

import io.hcs4j.platform.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;

/** The copying behind every stdio relay, one thread per stream, with the GCS's end-of-stream rules. */
public final class Relays {
    private static final Logger LOG = LoggerFactory.getLogger(Relays.class);

    private Relays() {
    }

    static void thread(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    /** Host to process, on its own thread; the host's half-close (or hang-up) is the process's end of file. */
    public static void in(String name, Connection socket, OutputStream toProcess) {
        thread(name, () -> {
            try (socket; toProcess) {
                socket.input().transferTo(toProcess);
            } catch (IOException e) {
                LOG.debug("{} relay ended: {}", name, e.toString());
            }
        });
    }

    /**
     * Process to host, on its own thread; at the process's end of file, half-close towards the host, then wait for
     * the host to close its end (that is what releases the exit code). Without a socket the output is drained, so
     * the process never blocks on it.
     */
    public static CompletableFuture<Void> out(String name, InputStream fromProcess, Connection socket) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        thread(name, () -> {
            try (socket; fromProcess) {
                byte[] buf = new byte[64 * 1024];
                boolean hostGone = socket == null;
                int n;
                while ((n = fromProcess.read(buf)) >= 0) {
                    if (!hostGone) {
                        try {
                            socket.output().write(buf, 0, n);
                        } catch (IOException e) {
                            // The host stopped reading: keep draining so the process never blocks on a full pipe.
                            hostGone = true;
                        }
                    }
                }
                if (!hostGone) {
                    socket.shutdownOutput();
                    while (socket.input().read(buf) >= 0) {
                        // The host does not write on an output stream; wait for its close.
                    }
                }
            } catch (IOException e) {
                LOG.debug("{} relay ended: {}", name, e.toString());
            } finally {
                done.complete(null);
            }
        });
        return done;
    }
}
