package io.hcs4j.shim.task;

import io.hcs4j.shim.runtime.ContainerBackend;
import io.hcs4j.shim.runtime.ContainerSpec;
import io.hcs4j.shim.runtime.ContainerStats;
import io.hcs4j.shim.runtime.ProcessSample;
import io.hcs4j.shim.runtime.ProcessSpec;
import io.hcs4j.shim.runtime.RuntimeContainer;
import io.hcs4j.shim.runtime.RuntimeProcess;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Real host processes without a rootfs (no chroot, no root needed), for testing the task state machine:
 * real output, exit codes and signals. Signals go through kill(1).
 */
final class LocalProcessBackend implements ContainerBackend {
    final List<LocalContainer> containers = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "local-test";
    }

    @Override
    public RuntimeContainer create(ContainerSpec spec) {
        LocalContainer c = new LocalContainer(spec.id());
        containers.add(c);
        return c;
    }

    static final class LocalContainer implements RuntimeContainer {
        private final String id;
        final List<LocalProcess> processes = new CopyOnWriteArrayList<>();
        volatile boolean closed;

        LocalContainer(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String os() {
            return "linux";
        }

        @Override
        public RuntimeProcess createProcess(ProcessSpec spec) throws IOException {
            ProcessBuilder pb = new ProcessBuilder(spec.args());
            if (!spec.stdin()) {
                pb.redirectInput(new File("/dev/null"));
            }
            LocalProcess p = new LocalProcess(pb.start());
            processes.add(p);
            return p;
        }

        @Override
        public void pause() throws IOException {
            for (LocalProcess p : processes) {
                p.signal(19);
            }
        }

        @Override
        public void resume() throws IOException {
            for (LocalProcess p : processes) {
                p.signal(18);
            }
        }

        @Override
        public List<ProcessSample> processes() {
            List<ProcessSample> out = new ArrayList<>();
            for (LocalProcess p : processes) {
                if (p.process.isAlive()) {
                    out.add(new ProcessSample(p.pid(), "test", Instant.now(), 0, 0, 0));
                }
            }
            return out;
        }

        @Override
        public ContainerStats stats() {
            return new ContainerStats(1000, 2000, 4096, processes().size());
        }

        @Override
        public void update(byte[] resourcesJson) {
            throw new UnsupportedOperationException("test backend has no resource control");
        }

        @Override
        public void close() {
            closed = true;
            for (LocalProcess p : processes) {
                p.process.destroyForcibly();
            }
        }
    }

    static final class LocalProcess implements RuntimeProcess {
        final Process process;
        private final CompletableFuture<Integer> exit;

        LocalProcess(Process process) {
            this.process = process;
            this.exit = process.onExit().thenApply(Process::exitValue);
        }

        @Override
        public int pid() {
            return (int) process.pid();
        }

        @Override
        public OutputStream stdin() {
            return process.getOutputStream();
        }

        @Override
        public InputStream stdout() {
            return process.getInputStream();
        }

        @Override
        public InputStream stderr() {
            return process.getErrorStream();
        }

        @Override
        public void closeStdin() throws IOException {
            process.getOutputStream().close();
        }

        @Override
        public void resizeConsole(int width, int height) {
            throw new IllegalStateException("no console");
        }

        @Override
        public boolean signal(int signal) throws IOException {
            if (!process.isAlive()) {
                return false;
            }
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
            try {
                return kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        @Override
        public CompletableFuture<Integer> exit() {
            return exit;
        }

        @Override
        public void close() {
            try {
                process.getOutputStream().close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }
}
