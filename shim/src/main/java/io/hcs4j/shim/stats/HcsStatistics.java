package io.hcs4j.shim.stats;

import com.google.protobuf.Timestamp;
import io.hcs4j.schema.v2.MemoryInformationForVm;
import io.hcs4j.schema.v2.Properties;
import io.hcs4j.schema.v2.Statistics;
import io.hcs4j.shim.api.runhcs.VirtualMachineMemory;
import io.hcs4j.shim.api.runhcs.VirtualMachineMemoryStatistics;
import io.hcs4j.shim.api.runhcs.VirtualMachineProcessorStatistics;
import io.hcs4j.shim.api.runhcs.VirtualMachineStatistics;
import io.hcs4j.shim.api.runhcs.WindowsContainerMemoryStatistics;
import io.hcs4j.shim.api.runhcs.WindowsContainerProcessorStatistics;
import io.hcs4j.shim.api.runhcs.WindowsContainerStatistics;
import io.hcs4j.shim.api.runhcs.WindowsContainerStorageStatistics;
import java.time.OffsetDateTime;

/**
 * HCS schema2 properties as runhcs's statistics messages, as hcsshim maps them: times in 100 ns become ns,
 * byte and count figures pass unchanged, absent parts stay absent.
 */
public final class HcsStatistics {
    /** Bytes per page: HCS reports a VM's assigned memory in pages. */
    private static final long PAGE_SIZE = 4096;

    private HcsStatistics() {
    }

    /** A container's {@code Statistics} property (process- or hypervisor-isolated alike). */
    public static WindowsContainerStatistics windows(Statistics s) {
        WindowsContainerStatistics.Builder b = WindowsContainerStatistics.newBuilder();
        if (s == null) {
            return b.build();
        }
        b.setTimestamp(timestamp(s.timestamp))
                .setContainerStartTime(timestamp(s.containerStartTime))
                .setUptimeNs(s.uptime100ns * 100);
        if (s.processor != null) {
            b.setProcessor(WindowsContainerProcessorStatistics.newBuilder()
                    .setTotalRuntimeNs(s.processor.totalRuntime100ns * 100)
                    .setRuntimeUserNs(s.processor.runtimeUser100ns * 100)
                    .setRuntimeKernelNs(s.processor.runtimeKernel100ns * 100));
        }
        if (s.memory != null) {
            b.setMemory(WindowsContainerMemoryStatistics.newBuilder()
                    .setMemoryUsageCommitBytes(s.memory.memoryUsageCommitBytes)
                    .setMemoryUsageCommitPeakBytes(s.memory.memoryUsageCommitPeakBytes)
                    .setMemoryUsagePrivateWorkingSetBytes(s.memory.memoryUsagePrivateWorkingSetBytes));
        }
        if (s.storage != null) {
            b.setStorage(WindowsContainerStorageStatistics.newBuilder()
                    .setReadCountNormalized(s.storage.readCountNormalized)
                    .setReadSizeBytes(s.storage.readSizeBytes)
                    .setWriteCountNormalized(s.storage.writeCountNormalized)
                    .setWriteSizeBytes(s.storage.writeSizeBytes));
        }
        return b.build();
    }

    /**
     * A utility VM's {@code Statistics} and {@code Memory} properties. The working set is the assigned memory
     * (hcsshim reads it so for a physically backed VM; for a virtually backed one it asks the VM's vmmem process,
     * which has no counterpart here).
     */
    public static VirtualMachineStatistics vm(Properties p) {
        VirtualMachineStatistics.Builder b = VirtualMachineStatistics.newBuilder();
        if (p.statistics != null && p.statistics.processor != null) {
            b.setProcessor(VirtualMachineProcessorStatistics.newBuilder()
                    .setTotalRuntimeNs(p.statistics.processor.totalRuntime100ns * 100));
        }
        MemoryInformationForVm m = p.memory;
        if (m != null) {
            VirtualMachineMemoryStatistics.Builder memory = VirtualMachineMemoryStatistics.newBuilder()
                    .setVirtualNodeCount((int) m.virtualNodeCount);
            if (m.virtualMachineMemory != null) {
                var vm = m.virtualMachineMemory;
                memory.setWorkingSetBytes(vm.assignedMemory * PAGE_SIZE)
                        .setVmMemory(VirtualMachineMemory.newBuilder()
                                .setAvailableMemory(vm.availableMemory)
                                .setAvailableMemoryBuffer(vm.availableMemoryBuffer)
                                .setReservedMemory(vm.reservedMemory)
                                .setAssignedMemory(vm.assignedMemory)
                                .setSlpActive(vm.slpActive)
                                .setBalancingEnabled(vm.balancingEnabled)
                                .setDmOperationInProgress(vm.dmOperationInProgress));
            }
            b.setMemory(memory);
        }
        return b.build();
    }

    private static Timestamp timestamp(OffsetDateTime t) {
        if (t == null) {
            return Timestamp.getDefaultInstance();
        }
        return Timestamp.newBuilder().setSeconds(t.toEpochSecond()).setNanos(t.getNano()).build();
    }
}
