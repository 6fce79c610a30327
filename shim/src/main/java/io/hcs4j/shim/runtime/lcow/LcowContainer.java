package io.hcs4j.shim.runtime.lcow;

import com.fasterxml.jackson.databind.JsonNode;
import io.hcs4j.hcs.raw.HResults;
import io.hcs4j.schema.Json;
import io.hcs4j.schema.guest.GuestProcessParameters;
import io.hcs4j.schema.guest.Metrics;
import io.hcs4j.schema.oci.Box;
import io.hcs4j.schema.oci.User;
import io.hcs4j.schema.v2.ProcessDetails;
import io.hcs4j.schema.v2.Properties;
import io.hcs4j.schema.v2.PropertyType;
import io.hcs4j.shim.runtime.ContainerStats;
import io.hcs4j.shim.runtime.ProcessSample;
import io.hcs4j.shim.runtime.ProcessSpec;
import io.hcs4j.shim.runtime.RuntimeContainer;
import io.hcs4j.shim.runtime.RuntimeProcess;
import io.hcs4j.shim.runtime.cow.CowProcess;
import io.hcs4j.uvm.Resource;
import io.hcs4j.uvm.bridge.GcsException;
import io.hcs4j.uvm.guest.GuestContainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Linux container in a utility VM: its combined layers, the guest container, and the VM it shares. The
 * first process created starts the container and is its init process (the spec's process); later ones are
 * execs with their own OCI process.
 */
final class LcowContainer implements RuntimeContainer {
    private static final Logger log = LoggerFactory.getLogger(LcowContainer.class);
    /** How long close waits for a killed container to report its exit before removing it. */
    private static final long EXIT_WAIT_SECONDS = 5;

    private final String id;
    private final LcowVm vm;
    private final Resource layers;
    private final GuestContainer container;
    private boolean started;
    private boolean closed;

    LcowContainer(String id, LcowVm vm, Resource layers, GuestContainer container) {
        this.id = id;
        this.vm = vm;
        this.layers = layers;
        this.container = container;
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
        GuestProcessParameters p = new GuestProcessParameters();
        synchronized (this) {
            if (closed) {
                throw new IOException("container " + id + " is closed");
            }
            if (!started) {
                container.start();
                started = true;
            } else {
                p.ociProcess = ociProcess(spec);
            }
        }
        p.createStdInPipe = spec.stdin();
        p.createStdOutPipe = spec.stdout();
        p.createStdErrPipe = spec.stderr() && !spec.terminal();
        p.emulateConsole = spec.terminal();
        if (spec.consoleWidth() > 0 && spec.consoleHeight() > 0) {
            p.consoleSize = List.of(spec.consoleHeight(), spec.consoleWidth());
        }
        return new CowProcess(container.createProcess(p), false);
    }

    static io.hcs4j.schema.oci.Process ociProcess(ProcessSpec spec) {
        io.hcs4j.schema.oci.Process p = new io.hcs4j.schema.oci.Process();
        p.args = spec.args();
        p.env = spec.env();
        p.cwd = spec.cwd();
        p.terminal = spec.terminal();
        p.user = new User();
        p.user.uid = spec.uid();
        p.user.gid = spec.gid();
        if (spec.consoleWidth() > 0 && spec.consoleHeight() > 0) {
            p.consoleSize = new Box();
            p.consoleSize.width = spec.consoleWidth();
            p.consoleSize.height = spec.consoleHeight();
        }
        return p;
    }

    @Override
    public void pause() throws IOException {
        vm.pause(id);
    }

    @Override
    public void resume() throws IOException {
        vm.resume(id);
    }

    @Override
    public List<ProcessSample> processes() {
        List<ProcessDetails> list = properties(PropertyType.PROCESS_LIST).processList;
        List<ProcessSample> out = new ArrayList<>();
        if (list != null) {
            for (ProcessDetails d : list) {
                Instant started = d.createTimestamp == null ? null : d.createTimestamp.toInstant();
                out.add(new ProcessSample(d.processId, d.imageName == null ? "" : d.imageName, started,
                        d.userTime100ns, d.kernelTime100ns, d.memoryWorkingSetPrivateBytes));
            }
        }
        return out;
    }

    /** From the guest's LCOWMetrics (cgroup statistics): CPU in ns, memory usage (or RSS), pids. */
    @Override
    public ContainerStats stats() {
        Metrics m = properties(PropertyType.STATISTICS).metrics;
        if (m == null) {
            throw new UncheckedIOException(new IOException("the guest reported no LCOWMetrics for " + id));
        }
        long user = m.cpu != null && m.cpu.usage != null ? m.cpu.usage.user : 0;
        long kernel = m.cpu != null && m.cpu.usage != null ? m.cpu.usage.kernel : 0;
        long memory = 0;
        if (m.memory != null) {
            memory = m.memory.usage != null && m.memory.usage.usage > 0 ? m.memory.usage.usage
                    : Math.max(m.memory.totalRss, m.memory.rss);
        }
        int pids = m.pids == null ? 0 : (int) m.pids.current;
        return new ContainerStats(user, kernel, memory, pids);
    }

    private Properties properties(PropertyType type) {
        try {
            return container.propertiesV2(type);
        } catch (IOException e) {
            throw new UncheckedIOException("properties of container " + id + ": " + e.getMessage(), e);
        }
    }

    /** Sends the OCI LinuxResources to the guest as an UpdateContainer. */
    @Override
    public void update(byte[] resourcesJson) throws IOException {
        JsonNode resources;
        try {
            resources = Json.mapper().readTree(resourcesJson);
        } catch (IOException e) {
            throw new IOException("resources are not valid JSON: " + e.getMessage(), e);
        }
        try {
            container.modify(resources);
        } catch (GcsException e) {
            if (e.result() == HResults.E_NOTIMPL) {
                throw new UnsupportedOperationException("the guest does not implement UpdateContainer: "
                        + e.errorMessage());
            }
            throw e;
        }
    }

    /** Kills what still runs, removes the guest's container and its layers, and leaves the VM. */
    @Override
    public void close() {
        boolean wasStarted;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            wasStarted = started;
        }
        try {
            if (wasStarted && !container.exit().isDone()) {
                container.terminate();
                container.exit().get(EXIT_WAIT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            // The VM is gone or the container would not stop: removing the VM below ends it regardless.
            log.debug("container {}: terminate: {}", id, e.toString());
        }
        quietly("delete state", container::deleteState);
        container.close();
        quietly("remove layers", layers::close);
        vm.leave(id);
    }

    private interface Step {
        void run() throws IOException;
    }

    private void quietly(String what, Step step) {
        try {
            step.run();
        } catch (IOException e) {
            log.debug("container {}: {}: {}", id, what, e.getMessage());
        }
    }
}
