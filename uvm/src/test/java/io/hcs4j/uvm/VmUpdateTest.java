package io.hcs4j.uvm;

import io.hcs4j.schema.Json;
import io.hcs4j.schema.oci.LinuxResources;
import io.hcs4j.schema.oci.WindowsResources;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The HCS documents of a utility VM's update, field by field, as hcsshim's UtilityVM.Update sends them. */
class VmUpdateTest {
    private static List<String> requests(VmUpdate u) {
        return u.hostRequests().stream().map(Json::write).toList();
    }

    private static VmUpdate windows(String json) throws Exception {
        return VmUpdate.of(Json.mapper().readValue(json, WindowsResources.class));
    }

    private static VmUpdate linux(String json) throws Exception {
        return VmUpdate.of(Json.mapper().readValue(json, LinuxResources.class));
    }

    @Test
    void aMemoryLimitIsTheVmSizeInMbRoundedUpToEven() throws Exception {
        assertEquals(List.of("{\"ResourcePath\":\"VirtualMachine/ComputeTopology/Memory/SizeInMB\",\"Settings\":512}"),
                requests(windows("{\"memory\":{\"limit\":536870912}}")));
        assertEquals(List.of("{\"ResourcePath\":\"VirtualMachine/ComputeTopology/Memory/SizeInMB\",\"Settings\":258}"),
                requests(linux("{\"memory\":{\"limit\":" + (257L << 20) + "}}")), "257 MB is aligned to 258");
        assertEquals(List.of("{\"ResourcePath\":\"VirtualMachine/ComputeTopology/Memory/SizeInMB\",\"Settings\":2}"),
                requests(linux("{\"memory\":{\"limit\":1048577}}")), "bytes below a whole MB are dropped first");
    }

    @Test
    void windowsCpuMaximumAndSharesAreTheLimitAndWeight() throws Exception {
        assertEquals(List.of("{\"ResourcePath\":\"VirtualMachine/ComputeTopology/Processor/Limits\","
                + "\"Settings\":{\"Limit\":1000}}"), requests(windows("{\"cpu\":{\"maximum\":1000}}")));
        assertEquals(List.of("{\"ResourcePath\":\"VirtualMachine/ComputeTopology/Processor/Limits\","
                + "\"Settings\":{\"Weight\":200}}"), requests(windows("{\"cpu\":{\"shares\":200}}")));
        assertEquals(List.of("{\"ResourcePath\":\"VirtualMachine/ComputeTopology/Memory/SizeInMB\",\"Settings\":128}",
                "{\"ResourcePath\":\"VirtualMachine/ComputeTopology/Processor/Limits\",\"Settings\":{\"Limit\":5000,\"Weight\":2}}"),
                requests(windows("{\"memory\":{\"limit\":134217728},\"cpu\":{\"maximum\":5000,\"shares\":2}}")),
                "memory first, then processors");
    }

    @Test
    void linuxCpuQuotaAndSharesAreTheLimitAndWeight() throws Exception {
        assertEquals(List.of("{\"ResourcePath\":\"VirtualMachine/ComputeTopology/Processor/Limits\","
                + "\"Settings\":{\"Limit\":50000,\"Weight\":512}}"),
                requests(linux("{\"cpu\":{\"quota\":50000,\"period\":100000,\"shares\":512}}")));
        assertEquals(List.of("{\"ResourcePath\":\"VirtualMachine/ComputeTopology/Processor/Limits\",\"Settings\":{}}"),
                requests(linux("{\"cpu\":{\"cpus\":\"0\"}}")), "a CPU section without quota or shares: empty limits, as hcsshim");
    }

    @Test
    void fieldsTheVmHasNoCounterpartForChangeNothing() throws Exception {
        assertEquals(List.of(), requests(linux("{\"pids\":{\"limit\":10}}")));
        assertEquals(List.of(), requests(windows("{\"memory\":{}}")));
        assertEquals(List.of(), requests(windows("{}")));
    }
}
