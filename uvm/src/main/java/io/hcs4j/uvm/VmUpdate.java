package io.hcs4j.uvm;

import io.hcs4j.schema.oci.LinuxResources;
import io.hcs4j.schema.oci.WindowsResources;
import io.hcs4j.schema.v2.ModifySettingRequest;
import io.hcs4j.schema.v2.ProcessorLimits;
import java.util.ArrayList;
import java.util.List;

/**
 * A utility VM's new memory size and processor limits, taken from the resources of the task that owns the VM as
 * hcsshim's UtilityVM.Update takes them: the memory limit in bytes as the VM's size in MB (rounded up to an even
 * number, hcsshim's NormalizeMemorySize); for Windows resources CPU maximum and shares, for Linux ones CPU quota
 * and shares, as ProcessorLimits' Limit and Weight. Fields the VM has no counterpart for are ignored, as there.
 *
 * @param memorySizeMb the VM's new memory size, null to leave it
 * @param processorLimits the VM's new processor limits, null to leave them
 */
public record VmUpdate(Long memorySizeMb, ProcessorLimits processorLimits) {
    public static final String MEMORY_PATH = "VirtualMachine/ComputeTopology/Memory/SizeInMB";
    public static final String PROCESSOR_LIMITS_PATH = "VirtualMachine/ComputeTopology/Processor/Limits";
    private static final long MIB = 1 << 20;

    public static VmUpdate of(WindowsResources r) {
        ProcessorLimits limits = null;
        if (r.cpu != null) {
            limits = new ProcessorLimits();
            limits.limit = r.cpu.maximum == null ? 0 : Integer.toUnsignedLong(r.cpu.maximum);
            limits.weight = r.cpu.shares == null ? 0 : Integer.toUnsignedLong(r.cpu.shares);
        }
        return new VmUpdate(r.memory == null ? null : sizeMb(r.memory.limit), limits);
    }

    public static VmUpdate of(LinuxResources r) {
        ProcessorLimits limits = null;
        if (r.cpu != null) {
            limits = new ProcessorLimits();
            limits.limit = r.cpu.quota == null ? 0 : r.cpu.quota;
            limits.weight = r.cpu.shares == null ? 0 : r.cpu.shares;
        }
        return new VmUpdate(r.memory == null ? null : sizeMb(r.memory.limit), limits);
    }

    private static Long sizeMb(Long bytes) {
        if (bytes == null) {
            return null;
        }
        long mb = Long.divideUnsigned(bytes, MIB);
        return (mb + 1) & ~1L;
    }

    /** The HCS modify requests, in hcsshim's order (memory, then processors), without a RequestType as it sends them. */
    public List<ModifySettingRequest> hostRequests() {
        List<ModifySettingRequest> requests = new ArrayList<>();
        if (memorySizeMb != null) {
            requests.add(request(MEMORY_PATH, memorySizeMb));
        }
        if (processorLimits != null) {
            requests.add(request(PROCESSOR_LIMITS_PATH, processorLimits));
        }
        return requests;
    }

    private static ModifySettingRequest request(String path, Object settings) {
        ModifySettingRequest m = new ModifySettingRequest();
        m.resourcePath = path;
        m.settings = settings;
        return m;
    }
}
