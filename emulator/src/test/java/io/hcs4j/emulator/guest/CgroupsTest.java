package io.hcs4j.emulator.guest;

import io.hcs4j.platform.posix.Posix;
import io.hcs4j.schema.guest.Metrics;
import io.hcs4j.schema.oci.LinuxMemory;
import io.hcs4j.schema.oci.LinuxResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The cgroup v2 code path, on whatever cgroup2 mount the machine has (the unified root, or a hybrid's). */
@Timeout(30)
class CgroupsTest {

    private static Path v2Mount() {
        for (Path p : List.of(Cgroups.DEFAULT_ROOT, Cgroups.DEFAULT_ROOT.resolve("unified"))) {
            if (Files.isRegularFile(p.resolve("cgroup.controllers"))) {
                return p;
            }
        }
        return null;
    }

    @Test
    void v2CreatesJoinsReadsAndRemovesTheVmsTree() throws Exception {
        Path mount = v2Mount();
        assumeTrue(mount != null && Posix.isRoot(), "needs root and a cgroup2 mount");
        Cgroups.Detection d = Cgroups.detect(mount);
        assertNotNull(d.cgroups(), d.reason());
        Cgroups cgroups = d.cgroups();
        assertTrue(cgroups.v2);
        String vm = "unit-" + UUID.randomUUID().toString().substring(0, 8);
        Process sleep = null;
        try {
            ContainerCgroup c = cgroups.create(vm, "c1", null);
            assertEquals(List.of(mount.resolve("hcs4j").resolve(vm).resolve("c1")), c.dirs);
            sleep = new ProcessBuilder("sleep", "100").start();
            c.join(sleep.pid());
            assertEquals(List.of(sleep.pid()), c.processes());
            Metrics m = CgroupStats.read(c);
            assertNotNull(m.cpu.usage);
            LinuxResources r = new LinuxResources();
            r.memory = new LinuxMemory();
            r.memory.limit = 64L << 20;
            if (Files.exists(c.dirs.get(0).resolve("memory.max"))) {
                c.apply(r);
                assertEquals(64L << 20, CgroupStats.read(c).memory.usage.limit);
            } else {
                // A hybrid machine's cgroup2 mount has no controllers: the limit cannot be applied, and says why.
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.apply(r));
                assertTrue(e.getMessage().contains("memory.max"), e.getMessage());
            }
            assertThrows(java.io.IOException.class, () -> cgroups.create(vm, "c1", null), "exists");
            assertThrows(java.io.IOException.class, () -> cgroups.create(vm, "../escape", null), "bad name");
        } finally {
            cgroups.removeVm(vm);
        }
        assertFalse(Files.exists(mount.resolve("hcs4j").resolve(vm)));
        // The leftover process was killed with the tree.
        assertEquals(137, sleep.onExit().get(10, TimeUnit.SECONDS).exitValue());
    }
}
