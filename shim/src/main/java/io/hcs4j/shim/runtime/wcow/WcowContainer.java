package io.hcs4j.shim.runtime.wcow;

import io.hcs4j.cow.hcs.HcsContainer;
import io.hcs4j.cow.hcs.ProcessDocuments;
import io.hcs4j.schema.oci.Box;
import io.hcs4j.schema.v1.ContainerProperties;
import io.hcs4j.schema.v1.ProcessListItem;
import io.hcs4j.schema.v1.PropertyType;
import io.hcs4j.shim.runtime.ContainerStats;
import io.hcs4j.shim.runtime.ProcessSample;
import io.hcs4j.shim.runtime.ProcessSpec;
import io.hcs4j.shim.runtime.RuntimeContainer;
import io.hcs4j.shim.runtime.RuntimeProcess;
import io.hcs4j.shim.runtime.cow.CowProcess;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A process-isolated Windows container; HCS can pause and resume it. The first process is the init process. */
final class WcowContainer implements RuntimeContainer {
    private static final Logger log = LoggerFactory.getLogger(WcowContainer.class);
    private final String id;
    private final HcsContainer container;
    private final io.hcs4j.schema.oci.Process initProcess;
    private boolean initCreated;

    WcowContainer(String id, HcsContainer container, io.hcs4j.schema.oci.Process initProcess) {
        this.id = id;
        this.container = container;
        this.initProcess = initProcess;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String os() {
        return "windows";
    }

    @Override
    public synchronized RuntimeProcess createProcess(ProcessSpec spec) throws IOException {
        io.hcs4j.schema.oci.Process p;
        if (initCreated) {
            p = new io.hcs4j.schema.oci.Process();
            p.args = spec.args();
            p.env = spec.env();
            p.cwd = spec.cwd();
        } else {
            p = initProcess;
        }
        p.terminal = spec.terminal();
        if (spec.terminal() && spec.consoleWidth() > 0 && spec.consoleHeight() > 0) {
            p.consoleSize = new Box();
            p.consoleSize.width = spec.consoleWidth();
            p.consoleSize.height = spec.consoleHeight();
        }
        CowProcess process = new CowProcess(container.createProcess(ProcessDocuments.of(p,
                new ProcessDocuments.Stdio(spec.stdin(), spec.stdout() || spec.terminal(), spec.stderr() && !spec.terminal()))), true);
        initCreated = true;
        return process;
    }

    @Override
    public void pause() throws IOException {
        container.pause();
    }

    @Override
    public void resume() throws IOException {
        container.resume();
    }

    @Override
    public List<ProcessSample> processes() {
        List<ProcessSample> out = new ArrayList<>();
        try {
            ContainerProperties props = container.properties(PropertyType.PROCESS_LIST);
            if (props.processList != null) {
                for (ProcessListItem item : props.processList) {
                    out.add(new ProcessSample((int) item.processId, item.imageName == null ? "" : item.imageName,
                            item.createTimestamp == null ? null : item.createTimestamp.toInstant(),
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
    public void update(byte[] resourcesJson) {
        throw new UnsupportedOperationException("updating a Windows container's resources is not wired to HCS yet");
    }

    @Override
    public void close() {
        try {
            container.close(); // terminates a running container, waits, unmounts its layers
        } catch (IOException e) {
            log.warn("closing container {}: {}", id, e.getMessage());
        }
    }
}
