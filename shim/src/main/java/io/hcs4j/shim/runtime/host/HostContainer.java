package io.hcs4j.shim.runtime.host;

import io.hcs4j.shim.os.Libc;
import io.hcs4j.shim.runtime.ContainerStats;
import io.hcs4j.shim.runtime.ProcessSample;
import io.hcs4j.shim.runtime.ProcessSpec;
import io.hcs4j.shim.runtime.RuntimeContainer;
import io.hcs4j.shim.runtime.RuntimeProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A container of host processes sharing one rootfs; {@link #close()} kills them and unmounts the rootfs. */
final class HostContainer implements RuntimeContainer {
    private static final Logger log = LoggerFactory.getLogger(HostContainer.class);
    private final String id;
    private final Path rootfs;
    private final boolean mounted;
    private final List<HostProcess> processes = new CopyOnWriteArrayList<>();

    HostContainer(String id, Path rootfs, boolean mounted) {
        this.id = id;
        this.rootfs = rootfs;
        this.mounted = mounted;
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
        HostProcess p = HostProcess.start(rootfs, spec);
        processes.add(p);
        p.exit().whenComplete((code, error) -> processes.remove(p));
        return p;
    }

    @Override
    public void pause() throws IOException {
        for (HostProcess p : processes) {
            p.signal(Libc.SIGSTOP);
        }
    }

    @Override
    public void resume() throws IOException {
        for (HostProcess p : processes) {
            p.signal(Libc.SIGCONT);
        }
    }

    @Override
    public List<ProcessSample> processes() {
        List<ProcessSample> all = new ArrayList<>();
        for (HostProcess p : processes) {
            ProcessHandle.of(p.pid()).ifPresent(h -> {
                addSample(all, h);
                h.descendants().forEach(d -> addSample(all, d));
            });
        }
        return all;
    }

    private static void addSample(List<ProcessSample> out, ProcessHandle h) {
        ProcStat stat = ProcStat.read((int) h.pid());
        if (stat != null) {
            out.add(new ProcessSample((int) h.pid(), h.info().command().orElse(stat.name()),
                    h.info().startInstant().orElse(null), stat.userTime100ns(), stat.kernelTime100ns(), stat.rssBytes()));
        }
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
        throw new UnsupportedOperationException("resource limits are enforced by the utility VM's cgroups; "
                + "the host process path has no cgroup of its own to update");
    }

    @Override
    public void close() {
        for (HostProcess p : processes) {
            try {
                p.signal(Libc.SIGKILL);
            } catch (IOException e) {
                log.warn("cannot kill process {} of {}: {}", p.pid(), id, e.getMessage());
            }
            p.close();
        }
        if (mounted) {
            RootfsMounts.unmount(rootfs);
        }
    }
}
