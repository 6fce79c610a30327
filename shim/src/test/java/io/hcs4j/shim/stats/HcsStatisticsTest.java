package io.hcs4j.shim.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hcs4j.schema.Json;
import io.hcs4j.schema.v2.Properties;
import io.hcs4j.schema.v2.Statistics;
import io.hcs4j.shim.api.runhcs.VirtualMachineStatistics;
import io.hcs4j.shim.api.runhcs.WindowsContainerStatistics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** HCS schema2 properties as runhcs's statistics, field by field, from the golden schema2 documents. */
class HcsStatisticsTest {
    private static final Instant GOLDEN_TIME = Instant.parse("2024-01-02T03:04:05.123456789Z");

    private static <T> T golden(String name, Class<T> type) throws Exception {
        Path file = Path.of(System.getProperty("hcs4j.shared.dir", "../../shared"), "vectors", "schema", "schema2", name);
        return Json.read(Files.readString(file), type);
    }

    @Test
    void windowsContainerStatisticsFromTheStatisticsProperty() throws Exception {
        WindowsContainerStatistics w = HcsStatistics.windows(golden("Statistics.full.json", Statistics.class));
        assertEquals(GOLDEN_TIME.getEpochSecond(), w.getTimestamp().getSeconds());
        assertEquals(GOLDEN_TIME.getNano(), w.getTimestamp().getNanos());
        assertEquals(GOLDEN_TIME.getEpochSecond(), w.getContainerStartTime().getSeconds());
        assertEquals(GOLDEN_TIME.getNano(), w.getContainerStartTime().getNanos());
        assertEquals(100, w.getUptimeNs());
        assertEquals(200, w.getProcessor().getTotalRuntimeNs());
        assertEquals(300, w.getProcessor().getRuntimeUserNs());
        assertEquals(400, w.getProcessor().getRuntimeKernelNs());
        assertEquals(5, w.getMemory().getMemoryUsageCommitBytes());
        assertEquals(6, w.getMemory().getMemoryUsageCommitPeakBytes());
        assertEquals(7, w.getMemory().getMemoryUsagePrivateWorkingSetBytes());
        assertEquals(8, w.getStorage().getReadCountNormalized());
        assertEquals(9, w.getStorage().getReadSizeBytes());
        assertEquals(10, w.getStorage().getWriteCountNormalized());
        assertEquals(11, w.getStorage().getWriteSizeBytes());
    }

    @Test
    void absentPartsStayAbsent() throws Exception {
        WindowsContainerStatistics w = HcsStatistics.windows(golden("Statistics.sparse.json", Statistics.class));
        assertFalse(w.hasProcessor());
        assertFalse(w.hasMemory());
        assertFalse(w.hasStorage());
        assertEquals(WindowsContainerStatistics.getDefaultInstance(), HcsStatistics.windows(null));
        VirtualMachineStatistics vm = HcsStatistics.vm(new Properties());
        assertFalse(vm.hasProcessor());
        assertFalse(vm.hasMemory());
    }

    @Test
    void virtualMachineStatisticsFromTheStatisticsAndMemoryProperties() throws Exception {
        VirtualMachineStatistics vm = HcsStatistics.vm(golden("Properties.full.json", Properties.class));
        assertEquals(2500, vm.getProcessor().getTotalRuntimeNs());
        assertEquals(15 * 4096, vm.getMemory().getWorkingSetBytes());
        assertEquals(11, vm.getMemory().getVirtualNodeCount());
        var m = vm.getMemory().getVmMemory();
        assertEquals(12, m.getAvailableMemory());
        assertEquals(13, m.getAvailableMemoryBuffer());
        assertEquals(14, m.getReservedMemory());
        assertEquals(15, m.getAssignedMemory());
        assertTrue(m.getSlpActive());
        assertTrue(m.getBalancingEnabled());
        assertTrue(m.getDmOperationInProgress());
    }
}
