package io.hcs4j.shim.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.hcs4j.schema.Json;
import io.hcs4j.schema.guest.ContainerPropertiesV2;
import io.hcs4j.schema.guest.Metrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The guest's LCOWMetrics as cgroup v1 Metrics, field by field, from the golden guest properties document. */
class GuestMetricsTest {
    private static Metrics golden() throws Exception {
        Path file = Path.of(System.getProperty("hcs4j.shared.dir", "../../shared"), "vectors", "schema", "guest",
                "ContainerPropertiesV2.full.json");
        // The vector is the JSON string the guest sends inside its response.
        String properties = Json.read(Files.readString(file), String.class);
        return Json.read(properties, ContainerPropertiesV2.class).metrics;
    }

    @Test
    void everyFieldOfTheGoldenDocumentArrivesUnderItsName() throws Exception {
        Metrics guest = golden();
        io.hcs4j.shim.api.cgroups.Metrics proto = GuestMetrics.toProto(guest);
        JsonNode expected = Json.mapper().valueToTree(guest);
        int leaves = compare("", expected, proto);
        // hugetlb 2x4, pids 2, cpu 3 + 2 (per_cpu) + 3, memory 32 + 4x4, blkio 8x2x5, rdma 2x2x3, network 2x9,
        // cgroup_stats 5, oom control 3: every value of the vector, each distinct.
        assertEquals(8 + 2 + 8 + 48 + 80 + 12 + 18 + 5 + 3, leaves);
    }

    @Test
    void namedFieldsLandWhereContainerdReadsThem() throws Exception {
        io.hcs4j.shim.api.cgroups.Metrics m = GuestMetrics.toProto(golden());
        assertEquals("Pagesize-64", m.getHugetlb(0).getPagesize());
        assertEquals(63, m.getHugetlb(0).getFailcnt());
        assertEquals(69, m.getPids().getCurrent());
        assertEquals(71, m.getCpu().getUsage().getTotal());
        assertEquals(java.util.List.of(74L, 75L), m.getCpu().getUsage().getPerCpuList());
        assertEquals(77, m.getCpu().getThrottling().getThrottledPeriods());
        assertEquals(80, m.getMemory().getRss());
        assertEquals(108, m.getMemory().getTotalInactiveFile());
        assertEquals(112, m.getMemory().getUsage().getUsage());
        assertEquals(113, m.getMemory().getUsage().getMax());
        assertEquals(114, m.getMemory().getUsage().getFailcnt());
        assertEquals(116, m.getMemory().getSwap().getUsage());
        assertEquals(131, m.getBlkio().getIoServiceBytesRecursive(0).getValue());
        assertEquals("Device-198", m.getBlkio().getSectorsRecursive(0).getDevice());
        assertEquals(244, m.getMemoryOomControl().getOomKill());
    }

    @Test
    void unsignedValuesKeepTheirBits() {
        Metrics guest = new Metrics();
        guest.memory = new io.hcs4j.schema.guest.MemoryStat();
        guest.memory.usage = new io.hcs4j.schema.guest.MemoryEntry();
        guest.memory.usage.limit = -1L; // 2^64 - 1: no limit
        assertEquals(-1L, GuestMetrics.toProto(guest).getMemory().getUsage().getLimit());
        assertEquals(io.hcs4j.shim.api.cgroups.Metrics.getDefaultInstance(), GuestMetrics.toProto(new Metrics()));
    }

    /** Walks the JSON document and the message together; returns the number of leaf values compared. */
    private static int compare(String path, JsonNode json, Message message) {
        int leaves = 0;
        Iterator<Map.Entry<String, JsonNode>> fields = json.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            FieldDescriptor field = message.getDescriptorForType().findFieldByName(f.getKey());
            String at = path + "." + f.getKey();
            assertTrue(field != null, "no field for " + at);
            if (field.isRepeated()) {
                assertEquals(f.getValue().size(), message.getRepeatedFieldCount(field), at);
                for (int i = 0; i < f.getValue().size(); i++) {
                    leaves += compareValue(at + "[" + i + "]", f.getValue().get(i), message.getRepeatedField(field, i));
                }
            } else {
                leaves += compareValue(at, f.getValue(), message.getField(field));
            }
        }
        return leaves;
    }

    private static int compareValue(String at, JsonNode json, Object value) {
        if (value instanceof Message m) {
            return compare(at, json, m);
        }
        if (value instanceof String s) {
            assertEquals(json.asText(), s, at);
        } else {
            assertEquals(json.asLong(), ((Number) value).longValue(), at);
        }
        return 1;
    }
}
