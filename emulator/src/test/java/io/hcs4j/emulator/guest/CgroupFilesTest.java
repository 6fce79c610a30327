package io.hcs4j.emulator.guest;

import com.fasterxml.jackson.databind.JsonNode;
import io.hcs4j.schema.Json;
import io.hcs4j.schema.guest.Metrics;
import io.hcs4j.schema.oci.LinuxCPU;
import io.hcs4j.schema.oci.LinuxMemory;
import io.hcs4j.schema.oci.LinuxPids;
import io.hcs4j.schema.oci.LinuxResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reading and writing a container's cgroup files, on directories laid out like the kernel's (no root needed):
 * the v1 names become the reference's LCOWMetrics fields, v2 files fill the same fields, resources become the
 * right file contents.
 */
class CgroupFilesTest {

    private static void write(Path dir, String file, String content) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(file), content);
    }

    @Test
    void v1FilesBecomeTheReferencesMetrics(@TempDir Path tmp) throws Exception {
        Path memory = tmp.resolve("memory");
        Path cpuacct = tmp.resolve("cpuacct");
        Path cpu = tmp.resolve("cpu");
        Path pids = tmp.resolve("pids");
        Path blkio = tmp.resolve("blkio");
        write(pids, "pids.current", "2\n");
        write(pids, "pids.max", "max\n");
        write(cpuacct, "cpuacct.usage", "26944458\n");
        write(cpuacct, "cpuacct.usage_percpu", "14210087 12734371 \n");
        write(cpuacct, "cpuacct.stat", "user 0\nsystem 2\n");
        write(cpu, "cpu.stat", "nr_periods 4\nnr_throttled 1\nthrottled_time 500\n");
        write(memory, "memory.stat", "cache 4096\nrss 106496\npgpgin 1576\npgmajfault 3\n"
                + "hierarchical_memory_limit 25197858816\nhierarchical_memsw_limit 9223372036854771712\n"
                + "total_pgfault 2587\n");
        write(memory, "memory.usage_in_bytes", "708608\n");
        write(memory, "memory.limit_in_bytes", "9223372036854771712\n");
        write(memory, "memory.max_usage_in_bytes", "2772992\n");
        write(memory, "memory.failcnt", "0\n");
        write(memory, "memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 1\n");
        write(blkio, "blkio.io_service_bytes_recursive", "Total 0\n");
        write(blkio, "blkio.throttle.io_service_bytes_recursive", "8:0 Read 4096\n8:0 Write 0\nTotal 4096\n");
        ContainerCgroup cg = new ContainerCgroup(false, List.of(memory, cpu, cpuacct, pids, blkio));

        Metrics m = CgroupStats.read(cg);
        JsonNode json = Json.tree(Json.write(m));
        assertEquals(2, json.at("/pids/current").asLong());
        assertTrue(json.at("/pids/limit").isMissingNode(), "an unlimited pids.max is no limit: " + json);
        assertEquals(26944458, json.at("/cpu/usage/total").asLong());
        assertEquals(20000000, json.at("/cpu/usage/kernel").asLong());
        assertTrue(json.at("/cpu/usage/user").isMissingNode(), "zero is omitted, as the reference does");
        assertEquals("[14210087,12734371]", json.at("/cpu/usage/per_cpu").toString());
        assertEquals(500, json.at("/cpu/throttling/throttled_time").asLong());
        assertEquals(1576, json.at("/memory/pg_pg_in").asLong());
        assertEquals(3, json.at("/memory/pg_maj_fault").asLong());
        assertEquals(2587, json.at("/memory/total_pg_fault").asLong());
        assertEquals("9223372036854771712", json.at("/memory/hierarchical_swap_limit").asText());
        assertEquals(708608, json.at("/memory/usage/usage").asLong());
        assertEquals(2772992, json.at("/memory/usage/max").asLong());
        assertEquals(1, json.at("/memory_oom_control/oom_kill").asLong());
        assertEquals("Read", json.at("/blkio/io_service_bytes_recursive/0/op").asText());
        assertEquals(8, json.at("/blkio/io_service_bytes_recursive/0/major").asLong());
        assertEquals(4096, json.at("/blkio/io_service_bytes_recursive/0/value").asLong());
    }

    @Test
    void v2FilesFillTheSameFields(@TempDir Path dir) throws Exception {
        write(dir, "pids.current", "3\n");
        write(dir, "pids.max", "50\n");
        write(dir, "cpu.stat", "usage_usec 1500\nuser_usec 1000\nsystem_usec 500\nnr_periods 2\nnr_throttled 1\n"
                + "throttled_usec 7\n");
        write(dir, "memory.stat", "anon 8192\nfile 4096\nfile_dirty 4096\npgfault 10\ninactive_anon 1\n");
        write(dir, "memory.current", "12288\n");
        write(dir, "memory.max", "max\n");
        write(dir, "memory.events", "low 0\nhigh 0\nmax 2\noom 1\noom_kill 1\n");
        write(dir, "io.stat", "8:16 rbytes=1024 wbytes=2048 rios=1 wios=2 dbytes=0 dios=0\n");
        Metrics m = CgroupStats.read(new ContainerCgroup(true, List.of(dir)));
        assertEquals(3, m.pids.current);
        assertEquals(50, m.pids.limit);
        assertEquals(1_500_000, m.cpu.usage.total);
        assertEquals(1_000_000, m.cpu.usage.user);
        assertEquals(500_000, m.cpu.usage.kernel);
        assertEquals(7_000, m.cpu.throttling.throttledTime);
        assertEquals(8192, m.memory.rss);
        assertEquals(4096, m.memory.cache);
        assertEquals(4096, m.memory.dirty);
        assertEquals(10, m.memory.pgFault);
        assertEquals(12288, m.memory.usage.usage);
        assertEquals(-1L, m.memory.usage.limit, "max is the largest unsigned value");
        assertEquals(1, m.memoryOomControl.oomKill);
        assertEquals(2, m.blkio.ioServiceBytesRecursive.size());
        assertEquals("Write", m.blkio.ioServiceBytesRecursive.get(1).op);
        assertEquals(2048, m.blkio.ioServiceBytesRecursive.get(1).value);
        assertEquals(2, m.blkio.ioServicedRecursive.get(1).value);
    }

    @Test
    void resourcesBecomeFileContentsAndBadOnesAreRefusedBeforeWriting(@TempDir Path tmp) throws Exception {
        Path v2 = tmp.resolve("v2");
        for (String f : List.of("memory.max", "memory.low", "cpu.weight", "cpuset.cpus", "cpuset.mems", "pids.max")) {
            write(v2, f, "");
        }
        write(v2, "cpu.max", "max 100000\n");
        LinuxResources r = new LinuxResources();
        r.memory = new LinuxMemory();
        r.memory.limit = -1L;
        r.cpu = new LinuxCPU();
        r.cpu.shares = 1024L;
        r.cpu.quota = 50000L;
        r.cpu.cpus = "0-1";
        r.pids = new LinuxPids();
        r.pids.limit = 0L;
        new ContainerCgroup(true, List.of(v2)).apply(r);
        assertEquals("max", Files.readString(v2.resolve("memory.max")));
        assertEquals("39", Files.readString(v2.resolve("cpu.weight")));
        assertEquals("50000 100000", Files.readString(v2.resolve("cpu.max")));
        assertEquals("0-1", Files.readString(v2.resolve("cpuset.cpus")));
        assertEquals("max", Files.readString(v2.resolve("pids.max")));

        Path v1 = tmp.resolve("v1");
        write(v1, "cpu.cfs_quota_us", "-1");
        write(v1, "cpu.cfs_period_us", "100000");
        LinuxResources q = new LinuxResources();
        q.cpu = new LinuxCPU();
        q.cpu.period = 50000L;
        q.cpu.quota = 25000L;
        new ContainerCgroup(false, List.of(v1)).apply(q);
        assertEquals("50000", Files.readString(v1.resolve("cpu.cfs_period_us")));
        assertEquals("25000", Files.readString(v1.resolve("cpu.cfs_quota_us")));

        LinuxResources bad = new LinuxResources();
        bad.cpu = new LinuxCPU();
        bad.cpu.period = 10L;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ContainerCgroup(false, List.of(v1)).apply(bad));
        assertEquals("invalid linux.resources: cpu.period = 10", e.getMessage());
        assertEquals("50000", Files.readString(v1.resolve("cpu.cfs_period_us")));
        // A resource the hierarchy has no file for is refused by name.
        LinuxResources memory = new LinuxResources();
        memory.memory = new LinuxMemory();
        memory.memory.limit = 1L << 20;
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> new ContainerCgroup(false, List.of(v1)).apply(memory));
        assertTrue(missing.getMessage().contains("memory.limit_in_bytes"), missing.getMessage());
    }
}
