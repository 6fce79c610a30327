package io.hcs4j.shim.runtime.lcow;

import io.hcs4j.schema.guest.GuestProcessParameters;
import io.hcs4j.schema.oci.Box;
import io.hcs4j.schema.oci.User;
import io.hcs4j.schema.v1.ContainerProperties;
import io.hcs4j.schema.v1.ProcessListItem;
import io.hcs4j.schema.v1.PropertyType;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A container in a utility VM, adapted to the task state machine. The first process is the init process. */
final class LcowContainer implements RuntimeContainer {
    private static final Logger log = LoggerFactory.getLogger(LcowContainer.class);
    private static final int E_NOTIMPL = 0x80004001;

    private final String id;
    private final GuestContainer container;
    private final Resource layers;
    private final Runnable releaseVm;
    private boolean initCreated;

    LcowContainer(String id, GuestContainer container, Resource layers, Runnable releaseVm) {
        this.id = id;
        this.container = container;
        this.layers = layers;
        this.releaseVm = releaseVm;
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
    public synchronized RuntimeProcess createProcess(ProcessSpec spec) throws IOException {
        GuestProcessParameters p = new GuestProcessParameters();
        p.createStdInPipe = spec.stdin();
        p.createStdOutPipe = spec.stdout() || spec.terminal();
        p.createStdErrPipe = spec.stderr() && !spec.terminal();
        p.emulateConsole = spec.terminal();
        if (initCreated) {
            // An exec: its own OCI process. Without one the guest starts the spec's init process.
            io.hcs4j.schema.oci.Process oci = new io.hcs4j.schema.oci.Process();
            oci.args = spec.args();
            oci.env = spec.env();
            oci.cwd = spec.cwd();
            oci.terminal = spec.terminal();
            oci.user = new User();
            oci.user.uid = spec.uid();
            oci.user.gid = spec.gid();
            if (spec.consoleWidth() > 0 && spec.consoleHeight() > 0) {
                oci.consoleSize = new Box();
                oci.consoleSize.width = spec.consoleWidth();
                oci.consoleSize.height = spec.consoleHeight();
            }
            p.ociProcess = oci;
        }
        CowProcess process = new CowProcess(container.createProcess(p), false);
        initCreated = true;
        return process;
    }

    @Override
    public void pause() {
        container.pause(); // the GCS bridge has no pause: UnsupportedOperationException with the reason
    }

    @Override
    public void resume() {
        container.resume();
    }

    @Override
    public List<ProcessSample> processes() {
        List<ProcessSample> out = new ArrayList<>();
        try {
            ContainerProperties props = container.properties(PropertyType.PROCESS_LIST);
            if (props.processList != null) {
                for (ProcessListItem item : props.processList) {
                    out.add(new ProcessSample((int) item.processId, item.imageName == null ? "" : item.imageName, null,
                            item.userTime100ns, item.kernelTime100ns, item.memoryWorkingSetPrivateBytes));
                }
            }
        } catch (IOException e) {
            log.warn("process list of {}: {}", id, e.getMessage());
        }
        return out;
    }

    @Override
    public ContainerStats stats() {
        long user = 0;
        long kernel = 0;
        long memory = 0;
        List<ProcessSample> all = processes();
        for (ProcessSample s : all) {
            user += s.userTime100ns() * 100;
            kernel += s.kernelTime100ns() * 100;
            memory += s.workingSetBytes();
        }
        return new ContainerStats(user, kernel, memory, all.size());
    }

    @Override
    public void update(byte[] resourcesJson) throws IOException {
        try {
            container.modify(io.hcs4j.schema.Json.mapper().readTree(resourcesJson));
        } catch (GcsException e) {
            if (e.result() == E_NOTIMPL) {
                throw new UnsupportedOperationException("the guest does not support resource updates: " + e.getMessage());
            }
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            if (!container.exit().isDone()) {
                container.terminate();
                container.exit().get(10, TimeUnit.SECONDS);
            }
            container.deleteState();
        } catch (Exception e) {
            log.warn("tearing down container {} in its VM: {}", id, e.toString());
        }
        container.close();
        try {
            layers.close();
        } catch (IOException e) {
            log.warn("removing the rootfs of {} from its VM: {}", id, e.getMessage());
        }
        releaseVm.run();
    }
}
