package io.hcs4j.emulator.hcs;

import io.hcs4j.platform.posix.Posix;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Guests for emulated VMs in tests: a real host process standing in for the guest agent, or misbehaving ones. */
final class TestGuests {
    private TestGuests() {
    }

    /** A guest that is a real {@code sleep} process: killing it from outside crashes the VM. */
    static class ProcessGuest implements GuestInstance {
        final Process process;
        private final CompletableFuture<Integer> exit;

        ProcessGuest() throws IOException {
            // No stdio pipes: the JDK would close them on its own schedule after exit, upsetting descriptor counts.
            process = new ProcessBuilder("sleep", "60")
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            exit = process.onExit().thenApply(Process::exitValue);
        }

        @Override
        public CompletableFuture<Integer> exit() {
            return exit;
        }

        @Override
        public void kill() {
            process.destroyForcibly();
        }

        @Override
        public void pause() {
            Posix.kill((int) process.pid(), Posix.SIGSTOP);
        }

        @Override
        public void resume() {
            Posix.kill((int) process.pid(), Posix.SIGCONT);
        }
    }

    /** A guest that has already exited when launch returns. */
    static GuestInstance dead() {
        return new GuestInstance() {
            @Override
            public CompletableFuture<Integer> exit() {
                return CompletableFuture.completedFuture(1);
            }

            @Override
            public void kill() {
            }

            @Override
            public void pause() {
            }

            @Override
            public void resume() {
            }
        };
    }

    /** A launcher whose behaviour each test sets; by default it starts a {@link ProcessGuest}. */
    static final class Switchable implements GuestLauncher {
        volatile GuestLauncher delegate = (id, doc) -> new ProcessGuest();
        volatile ProcessGuest last;

        @Override
        public GuestInstance launch(String systemId, String documentJson) throws IOException {
            GuestInstance g = delegate.launch(systemId, documentJson);
            if (g instanceof ProcessGuest p) {
                last = p;
            }
            return g;
        }

        void reset() {
            delegate = (id, doc) -> new ProcessGuest();
            last = null;
        }
    }

    /** A launcher that blocks until released (bounded), then starts a process guest. */
    static GuestLauncher blocking(CountDownLatch release) {
        return (id, doc) -> {
            try {
                if (!release.await(30, TimeUnit.SECONDS)) {
                    throw new IOException("never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            return new ProcessGuest();
        };
    }
}
