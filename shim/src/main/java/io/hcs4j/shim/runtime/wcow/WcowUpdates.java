package io.hcs4j.shim.runtime.wcow;

import io.hcs4j.schema.guest.RequestType;
import io.hcs4j.schema.oci.WindowsCPUResources;
import io.hcs4j.schema.oci.WindowsResources;
import io.hcs4j.schema.v2.ModifySettingRequest;
import io.hcs4j.schema.v2.Processor;
import java.util.ArrayList;
import java.util.List;

/**
 * A Windows container's resource update as the HCS modify requests hcsshim sends (task_hcs.go
 * updateWCOWResources): the memory limit in MB, rounded up to an even number, on {@code Container/Memory/SizeInMB};
 * exactly one of CPU count (at most the host's processors), maximum and shares as a schema2 {@code Processor} on
 * {@code Container/Processor}. What HCS cannot change on a running container is refused by name.
 */
public final class WcowUpdates {
    public static final String MEMORY_PATH = "Container/Memory/SizeInMB";
    public static final String PROCESSOR_PATH = "Container/Processor";
    private static final long MIB = 1 << 20;

    private WcowUpdates() {
    }

    /**
     * @throws IllegalArgumentException for a CPU update that sets none or more than one of count, maximum, shares
     * @throws UnsupportedOperationException naming the fields no modify request can change
     */
    public static List<ModifySettingRequest> requests(WindowsResources r, int hostProcessors) {
        List<String> unsupported = new ArrayList<>();
        if (r.storage != null) {
            unsupported.add("storage");
        }
        if (r.cpu != null && r.cpu.affinity != null && !r.cpu.affinity.isEmpty()) {
            unsupported.add("cpu.affinity");
        }
        r.unknownFields().keySet().forEach(unsupported::add);
        if (r.memory != null) {
            r.memory.unknownFields().keySet().forEach(k -> unsupported.add("memory." + k));
        }
        if (r.cpu != null) {
            r.cpu.unknownFields().keySet().forEach(k -> unsupported.add("cpu." + k));
        }
        if (!unsupported.isEmpty()) {
            throw new UnsupportedOperationException("HCS cannot update " + String.join(", ", unsupported)
                    + " of a running Windows container");
        }
        List<ModifySettingRequest> requests = new ArrayList<>();
        if (r.memory != null && r.memory.limit != null) {
            long mb = Long.divideUnsigned(r.memory.limit, MIB);
            requests.add(update(MEMORY_PATH, (mb + 1) & ~1L));
        }
        if (r.cpu != null) {
            requests.add(update(PROCESSOR_PATH, processor(r.cpu, hostProcessors)));
        }
        return requests;
    }

    private static Processor processor(WindowsCPUResources cpu, int hostProcessors) {
        int set = (cpu.count != null ? 1 : 0) + (cpu.maximum != null ? 1 : 0) + (cpu.shares != null ? 1 : 0);
        if (set != 1) {
            throw new IllegalArgumentException("a CPU update sets exactly one of cpu.count, cpu.maximum and cpu.shares"
                    + " (got " + set + ")");
        }
        Processor p = new Processor();
        if (cpu.count != null) {
            p.count = (int) (Long.compareUnsigned(cpu.count, hostProcessors) > 0 ? hostProcessors : cpu.count);
        } else if (cpu.maximum != null) {
            p.maximum = cpu.maximum;
        } else {
            p.weight = cpu.shares;
        }
        return p;
    }

    private static ModifySettingRequest update(String path, Object settings) {
        ModifySettingRequest m = new ModifySettingRequest();
        m.resourcePath = path;
        m.requestType = RequestType.UPDATE;
        m.settings = settings;
        return m;
    }
}
