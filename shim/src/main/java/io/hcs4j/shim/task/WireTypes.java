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

    Any stats(String os, Usage s) {
        Metrics metrics = Metrics.newBuilder()
                .setPids(PidsStat.newBuilder().setCurrent(s.processCount()))
                .setCpu(CPUStat.newBuilder().setUsage(CPUUsage.newBuilder()
                        .setTotal(s.cpuUserNanos() + s.cpuKernelNanos()).setUser(s.cpuUserNanos()).setKernel(s.cpuKernelNanos())))
                .setMemory(MemoryStat.newBuilder().setRss(s.memoryBytes()).setTotalRss(s.memoryBytes())
                        .setUsage(MemoryEntry.newBuilder().setUsage(s.memoryBytes())))
                .build();
        if (this == LINUX) {
            return TtrpcEventPublisher.pack(metrics);
        }
        Statistics.Builder st = Statistics.newBuilder();
        if (os.equals("linux")) {
            st.setLinux(metrics);
        } else {
            st.setWindows(io.hcs4j.shim.api.runhcs.WindowsContainerStatistics.newBuilder()
                    .setProcessor(io.hcs4j.shim.api.runhcs.WindowsContainerProcessorStatistics.newBuilder()
                            .setTotalRuntimeNs(s.cpuUserNanos() + s.cpuKernelNanos())
                            .setRuntimeUserNs(s.cpuUserNanos()).setRuntimeKernelNs(s.cpuKernelNanos()))
                    .setMemory(io.hcs4j.shim.api.runhcs.WindowsContainerMemoryStatistics.newBuilder()
                            .setMemoryUsagePrivateWorkingSetBytes(s.memoryBytes())));
        }
        return TtrpcEventPublisher.pack(st.build());
    }
}
