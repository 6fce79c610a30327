package io.hcs4j.shim.task;

import io.hcs4j.cow.Container;
import io.hcs4j.cow.SignalOptions;
import io.hcs4j.schema.guest.GuestProcessParameters;
import io.hcs4j.schema.guest.Metrics;
import io.hcs4j.schema.v1.ContainerProperties;
import io.hcs4j.schema.v1.ProcessListItem;
import io.hcs4j.schema.v2.ProcessParameters;
import io.hcs4j.schema.v2.Properties;
import io.hcs4j.schema.v2.PropertyType;
import io.hcs4j.shim.runtime.ContainerBackend;
import io.hcs4j.shim.runtime.ContainerSpec;
import java.io.File;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Real host processes without a rootfs (no chroot, no root needed) behind cow's Container and Process, for
 * testing the task state machine: real output, exit codes and signals. Like a Linux guest, the container
 * takes OCI processes and runs the bundle's process as its init. Signals go through kill(1).
 */
final class LocalProcessBackend implements ContainerBackend {
    final List<LocalContainer> containers = new CopyOnWriteArrayList<>();
    /** Report exits as a Linux guest does: only once stdout has been read to its end. */
    volatile boolean exitAfterStdoutTaken;

    @Override
    public String name() {
        return "local-test";
    }

    @Override
    public Container create(ContainerSpec spec) {
        LocalContainer c = new LocalContainer(spec.id(), OciSpec.readBundle(spec.bundle()).process().args,
                exitAfterStdoutTaken);
        containers.add(c);
        return c;
    }

    static final class LocalContainer implements Container {
        private final String id;
        private final List<String> initArgs;
        final List<LocalProcess> processes = new CopyOnWriteArrayList<>();
        private final CompletableFuture<Void> exit = new CompletableFuture<>();
        private final boolean exitAfterStdoutTaken;
        volatile boolean closed;
        /** What the container's memory cgroup counts as OOM kills (a guest's memory.oom_control oom_kill). */
        volatile long oomKills;

        LocalContainer(String id, List<String> initArgs, boolean exitAfterStdoutTaken) {
            this.id = id;
            this.initArgs = initArgs;
            this.exitAfterStdoutTaken = exitAfterStdoutTaken;
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
        public boolean isOci() {
            return true;
        }

        @Override
        public void start() {
        }

        @Override
        public io.hcs4j.cow.Process createProcess(ProcessParameters parameters) throws IOException {
            GuestProcessParameters p = (GuestProcessParameters) parameters;
            ProcessBuilder pb = new ProcessBuilder(p.ociProcess == null ? initArgs : p.ociProcess.args);
            if (!p.createStdInPipe) {
                pb.redirectInput(new File("/dev/null"));
            }
            LocalProcess process = new LocalProcess(pb.start(), exitAfterStdoutTaken);
            processes.add(process);
            return process;
        }

        @Override
        public void shutdown() throws IOException {
            for (LocalProcess p : processes) {
                p.signal(SignalOptions.linux(15));
            }
        }

        @Override
        public void terminate() {
            for (LocalProcess p : processes) {
                p.process.destroyForcibly();
            }
        }

        @Override
        public void pause() throws IOException {
            for (LocalProcess p : processes) {
                p.signal(SignalOptions.linux(19));
            }
        }

        @Override
        public void resume() throws IOException {
            for (LocalProcess p : processes) {
                p.signal(SignalOptions.linux(18));
            }
        }

        @Override
        public CompletableFuture<Void> exit() {
            return exit;
        }

        @Override
        public ContainerProperties properties(io.hcs4j.schema.v1.PropertyType... types) {
            ContainerProperties props = new ContainerProperties();
            props.processList = new ArrayList<>();
            for (LocalProcess p : processes) {
                if (p.process.isAlive()) {
                    ProcessListItem item = new ProcessListItem();
                    item.processId = p.pid();
                    item.imageName = "test";
                    item.createTimestamp = OffsetDateTime.now();
                    props.processList.add(item);
                }
            }
            return props;
        }

        @Override
        public Properties propertiesV2(PropertyType... types) {
            Metrics m = new Metrics();
            m.cpu = new io.hcs4j.schema.guest.CPUStat();
            m.cpu.usage = new io.hcs4j.schema.guest.CPUUsage();
            m.cpu.usage.user = 1000;
            m.cpu.usage.kernel = 2000;
            m.memory = new io.hcs4j.schema.guest.MemoryStat();
            m.memory.usage = new io.hcs4j.schema.guest.MemoryEntry();
            m.memory.usage.usage = 4096;
            m.pids = new io.hcs4j.schema.guest.PidsStat();
            m.pids.current = properties().processList.size();
            m.memoryOomControl = new io.hcs4j.schema.guest.MemoryOomControl();
            m.memoryOomControl.oomKill = oomKills;
            Properties props = new Properties();
            props.metrics = m;
            return props;
        }

        @Override
        public void modify(Object request) {
            throw new UnsupportedOperationException("test backend has no resource control");
        }

        /** What close throws after it has closed the container, as a guest that could not clean up makes it. */
        volatile IOException closeFailure;

        @Override
        public void close() throws IOException {
            closed = true;
            terminate();
            exit.complete(null);
            if (closeFailure != null) {
                throw closeFailure;
            }
        }
    }

    static final class LocalProcess implements io.hcs4j.cow.Process {
        final Process process;
        private final CompletableFuture<Integer> exit;
        private final InputStream stdout;

        LocalProcess(Process process, boolean exitAfterStdoutTaken) {
            this.process = process;
            CompletableFuture<Void> stdoutTaken = new CompletableFuture<>();
            this.stdout = !exitAfterStdoutTaken ? process.getInputStream() : new FilterInputStream(process.getInputStream()) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n < 0) {
                        stdoutTaken.complete(null);
                    }
                    return n;
                }
            };
            if (!exitAfterStdoutTaken) {
                stdoutTaken.complete(null);
            }
            this.exit = process.onExit().thenCombine(stdoutTaken, (p, v) -> p.exitValue());
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
            return stdout;
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
        public void closeStdout() throws IOException {
            process.getInputStream().close();
        }

        @Override
        public void closeStderr() throws IOException {
            process.getErrorStream().close();
        }

        @Override
        public void resizeConsole(int width, int height) {
            throw new IllegalStateException("no console");
        }

        @Override
        public boolean kill() throws IOException {
            return signal(SignalOptions.linux(9));
        }

        @Override
        public boolean signal(SignalOptions options) throws IOException {
            int signal = ((SignalOptions.Linux) options).signal();
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
