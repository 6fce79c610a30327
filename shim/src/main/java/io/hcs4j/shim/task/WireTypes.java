package io.hcs4j.shim.task;

import com.google.protobuf.Any;
import com.google.protobuf.Timestamp;
import io.hcs4j.shim.api.cgroups.CPUStat;
import io.hcs4j.shim.api.cgroups.CPUUsage;
import io.hcs4j.shim.api.cgroups.MemoryEntry;
import io.hcs4j.shim.api.cgroups.MemoryStat;
import io.hcs4j.shim.api.cgroups.Metrics;
import io.hcs4j.shim.api.cgroups.PidsStat;
import io.hcs4j.shim.api.runhcs.ProcessDetails;
import io.hcs4j.shim.api.runhcs.Statistics;
import io.hcs4j.shim.api.runhcs.WindowsContainerStatistics;
import io.hcs4j.uvm.VmHosted;
import io.hcs4j.shim.stats.GuestMetrics;
import io.hcs4j.shim.stats.HcsStatistics;
import io.hcs4j.cow.Container;
import io.hcs4j.schema.v2.Properties;
import io.hcs4j.schema.v2.PropertyType;
import java.io.IOException;
import io.hcs4j.shim.events.TtrpcEventPublisher;
import io.hcs4j.schema.v1.ProcessListItem;
import java.time.Instant;
import java.util.Locale;

/**
 * Which message types carry Pids details and Stats. containerd decodes them by type name, and only knows the
 * names compiled into it: Windows builds know runhcs's ProcessDetails and Statistics; Linux builds (where this
 * shim runs against the emulator) know containerd.runc.v1.ProcessDetails and cgroup v1 Metrics. Chosen by
 * host OS, overridable with HCS4J_WIRE_TYPES=runhcs|linux.
 */
enum WireTypes {
    RUNHCS, LINUX;

    static WireTypes fromEnvironment() {
        String v = System.getenv("HCS4J_WIRE_TYPES");
        if (v != null && !v.isEmpty()) {
            return valueOf(v.toUpperCase(Locale.ROOT));
        }
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows") ? RUNHCS : LINUX;
    }

    Any processDetails(ProcessListItem sample, String execId) {
        if (this == LINUX) {
            return TtrpcEventPublisher.pack(io.hcs4j.shim.api.runc.ProcessDetails.newBuilder().setExecId(execId).build());
        }
        ProcessDetails.Builder d = ProcessDetails.newBuilder()
                .setProcessId((int) sample.processId)
                .setExecId(execId)
                .setImageName(sample.imageName == null ? "" : sample.imageName)
                .setUserTime100Ns(sample.userTime100ns)
                .setKernelTime100Ns(sample.kernelTime100ns)
                .setMemoryWorkingSetPrivateBytes(sample.memoryWorkingSetPrivateBytes);
        if (sample.createTimestamp != null) {
            Instant at = sample.createTimestamp.toInstant();
            d.setCreatedAt(Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()));
        }
        return TtrpcEventPublisher.pack(d.build());
    }

    /**
     * The task's statistics: a Windows container's HCS Statistics, a Linux guest's cgroup metrics, and the utility
     * VM's statistics when the task owns one. On the Linux wire only the container's cgroup v1 Metrics go (for a
     * Windows container: its CPU times, private working set and process count in that shape).
     */
    Any stats(Container container) throws IOException {
        Properties props = container.propertiesV2(PropertyType.STATISTICS);
        Statistics.Builder st = Statistics.newBuilder();
        if (container.os().equals("windows")) {
            WindowsContainerStatistics windows = HcsStatistics.windows(props.statistics);
            if (this == LINUX) {
                return TtrpcEventPublisher.pack(cgroupView(windows, Task.processes(container).size()));
            }
            st.setWindows(windows);
        } else {
            if (props.metrics == null) {
                throw new IOException("the guest reported no LCOWMetrics for " + container.id());
            }
            Metrics metrics = GuestMetrics.toProto(props.metrics);
            if (this == LINUX) {
                return TtrpcEventPublisher.pack(metrics);
            }
            st.setLinux(metrics);
        }
        if (container instanceof VmHosted hosted && hosted.ownsUtilityVm()) {
            st.setVm(HcsStatistics.vm(hosted.utilityVm().properties(PropertyType.STATISTICS, PropertyType.MEMORY)));
        }
        return TtrpcEventPublisher.pack(st.build());
    }

    private static Metrics cgroupView(WindowsContainerStatistics w, int processes) {
        long workingSet = w.getMemory().getMemoryUsagePrivateWorkingSetBytes();
        return Metrics.newBuilder()
                .setPids(PidsStat.newBuilder().setCurrent(processes))
                .setCpu(CPUStat.newBuilder().setUsage(CPUUsage.newBuilder()
                        .setTotal(w.getProcessor().getTotalRuntimeNs())
                        .setUser(w.getProcessor().getRuntimeUserNs())
                        .setKernel(w.getProcessor().getRuntimeKernelNs())))
                .setMemory(MemoryStat.newBuilder().setRss(workingSet).setTotalRss(workingSet)
                        .setUsage(MemoryEntry.newBuilder().setUsage(workingSet)))
                .build();
    }
}
