package io.hcs4j.shim.task;

import io.hcs4j.cow.Container;
import io.hcs4j.schema.guest.Metrics;
import io.hcs4j.schema.v1.ProcessListItem;
import io.hcs4j.schema.v2.PropertyType;
import java.io.IOException;
import java.util.List;

/**
 * What Stats reports, read from the container's cow properties: a Linux guest's cgroup statistics
 * (LCOWMetrics), or for a Windows container the sum over its process list. CPU in ns.
 */
record Usage(long cpuUserNanos, long cpuKernelNanos, long memoryBytes, int processCount) {

    /** The container's processes (init, execs and their children), from the ProcessList property. */
    static List<ProcessListItem> processes(Container container) throws IOException {
        List<ProcessListItem> list = container.properties(io.hcs4j.schema.v1.PropertyType.PROCESS_LIST).processList;
        return list == null ? List.of() : list;
    }

    static Usage of(Container container) throws IOException {
        if (container.os().equals("windows")) {
            long user = 0;
            long kernel = 0;
            long memory = 0;
            List<ProcessListItem> all = processes(container);
            for (ProcessListItem p : all) {
                user += p.userTime100ns * 100;
                kernel += p.kernelTime100ns * 100;
                memory += p.memoryWorkingSetPrivateBytes;
            }
            return new Usage(user, kernel, memory, all.size());
        }
        Metrics m = container.propertiesV2(PropertyType.STATISTICS).metrics;
        if (m == null) {
            throw new IOException("the guest reported no LCOWMetrics for " + container.id());
        }
        long user = m.cpu != null && m.cpu.usage != null ? m.cpu.usage.user : 0;
        long kernel = m.cpu != null && m.cpu.usage != null ? m.cpu.usage.kernel : 0;
        long memory = 0;
        if (m.memory != null) {
            memory = m.memory.usage != null && m.memory.usage.usage > 0 ? m.memory.usage.usage
                    : Math.max(m.memory.totalRss, m.memory.rss);
        }
        return new Usage(user, kernel, memory, m.pids == null ? 0 : (int) m.pids.current);
    }
}
