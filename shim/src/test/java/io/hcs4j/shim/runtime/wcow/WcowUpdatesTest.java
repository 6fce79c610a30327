package io.hcs4j.shim.runtime.wcow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hcs4j.schema.Json;
import io.hcs4j.schema.oci.WindowsResources;
import io.hcs4j.schema.v2.ModifySettingRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The HCS modify requests of a Windows container's resource update, per field, as hcsshim writes them. */
class WcowUpdatesTest {
    private static List<String> documents(String resources, int hostProcessors) throws Exception {
        return WcowUpdates.requests(Json.read(resources, WindowsResources.class), hostProcessors).stream()
                .map(Json::write).toList();
    }

    @Test
    void memoryLimitIsSizeInMbRoundedUpToEven() throws Exception {
        assertEquals(List.of("{\"ResourcePath\":\"Container/Memory/SizeInMB\",\"RequestType\":\"Update\",\"Settings\":256}"),
                documents("{\"memory\":{\"limit\":268435456}}", 4));
        assertEquals(List.of("{\"ResourcePath\":\"Container/Memory/SizeInMB\",\"RequestType\":\"Update\",\"Settings\":102}"),
                documents("{\"memory\":{\"limit\":" + (101L << 20) + "}}", 4), "101 MB aligns up to 102");
    }

    @Test
    void cpuCountMaximumAndSharesAreTheProcessorsCountMaximumAndWeight() throws Exception {
        assertEquals(List.of("{\"ResourcePath\":\"Container/Processor\",\"RequestType\":\"Update\",\"Settings\":{\"Count\":2}}"),
                documents("{\"cpu\":{\"count\":2}}", 4));
        assertEquals(List.of("{\"ResourcePath\":\"Container/Processor\",\"RequestType\":\"Update\",\"Settings\":{\"Count\":4}}"),
                documents("{\"cpu\":{\"count\":64}}", 4), "at most the host's processors");
        assertEquals(List.of("{\"ResourcePath\":\"Container/Processor\",\"RequestType\":\"Update\",\"Settings\":{\"Maximum\":5000}}"),
                documents("{\"cpu\":{\"maximum\":5000}}", 4));
        assertEquals(List.of("{\"ResourcePath\":\"Container/Processor\",\"RequestType\":\"Update\",\"Settings\":{\"Weight\":300}}"),
                documents("{\"cpu\":{\"shares\":300}}", 4));
    }

    @Test
    void memoryAndCpuTogetherAreTwoRequests() throws Exception {
        List<ModifySettingRequest> r = WcowUpdates.requests(
                Json.read("{\"memory\":{\"limit\":134217728},\"cpu\":{\"shares\":10}}", WindowsResources.class), 2);
        assertEquals(List.of(WcowUpdates.MEMORY_PATH, WcowUpdates.PROCESSOR_PATH), r.stream().map(m -> m.resourcePath).toList());
        assertEquals(List.of(), documents("{}", 2), "nothing to change");
    }

    @Test
    void exactlyOneRateControl() {
        IllegalArgumentException two = assertThrows(IllegalArgumentException.class,
                () -> documents("{\"cpu\":{\"count\":1,\"shares\":2}}", 4));
        assertTrue(two.getMessage().contains("exactly one of cpu.count, cpu.maximum and cpu.shares"), two.getMessage());
        assertThrows(IllegalArgumentException.class, () -> documents("{\"cpu\":{}}", 4));
    }

    @Test
    void whatHcsCannotUpdateIsNamed() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> documents(
                "{\"storage\":{\"iops\":100},\"cpu\":{\"shares\":2,\"affinity\":[{\"mask\":1,\"group\":0}]},\"gpu\":1}", 4));
        assertTrue(e.getMessage().contains("storage, cpu.affinity, gpu"), e.getMessage());
    }
}
