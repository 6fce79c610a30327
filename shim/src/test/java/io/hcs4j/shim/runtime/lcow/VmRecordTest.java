package io.hcs4j.shim.runtime.lcow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The bundle's record of a utility VM, and delete's cleanup from it. */
@Timeout(30)
class VmRecordTest {
    @TempDir
    Path bundle;

    @Test
    void roundTripsAndIsRemoved() throws IOException {
        assertEquals(Optional.empty(), VmRecord.read(bundle));
        VmRecord r = new VmRecord("t1@vm", 4242, 1_700_000_000_123L, "/tmp/hcs4j-hvsock/t1@vm",
                List.of("/b/t1/lcow/rootfs", "/b/t2/lcow/rootfs"));
        r.write(bundle);
        assertEquals(Optional.of(r), VmRecord.read(bundle));
        assertEquals(List.of(VmRecord.FILE), Files.list(bundle).map(p -> p.getFileName().toString()).toList());
        VmRecord.remove(bundle);
        assertEquals(Optional.empty(), VmRecord.read(bundle));
    }

    @Test
    void aCorruptRecordIsAClearError() throws IOException {
        Files.writeString(bundle.resolve(VmRecord.FILE), "vmId=x\nagentPid=twelve\n");
        IOException e = assertThrows(IOException.class, () -> VmRecord.read(bundle));
        assertTrue(e.getMessage().startsWith(bundle.resolve(VmRecord.FILE) + " is corrupt"), e.getMessage());
        assertFalse(LcowCleanup.cleanupAfterDeadShim(bundle), "cleanup reports and goes on");
    }

    @Test
    void cleanupKillsTheRecordedAgentWithItsChildrenAndRemovesItsSockets() throws Exception {
        Path sockets = Files.createDirectories(bundle.resolve("sockets"));
        Files.createFile(sockets.resolve("40000000-facb-11e6-bd58-64006a7986d3.sock"));
        // A stand-in agent with a child of its own, as the guest agent has its container processes.
        Process agent = new ProcessBuilder("/bin/sh", "-c", "sleep 600 & echo $!; wait").start();
        long childPid = Long.parseLong(new java.io.BufferedReader(new java.io.InputStreamReader(agent.getInputStream()))
                .readLine().trim());
        ProcessHandle child = ProcessHandle.of(childPid).orElseThrow();
        long started = agent.toHandle().info().startInstant().orElseThrow().toEpochMilli();
        new VmRecord("t1@vm", agent.pid(), started, sockets.toString(), List.of(bundle.resolve("nowhere").toString()))
                .write(bundle);
        assertTrue(LcowCleanup.cleanupAfterDeadShim(bundle));
        assertTrue(agent.waitFor(5, TimeUnit.SECONDS));
        child.onExit().get(5, TimeUnit.SECONDS);
        assertFalse(Files.exists(sockets));
        assertFalse(Files.exists(bundle.resolve(VmRecord.FILE)));
        assertFalse(LcowCleanup.cleanupAfterDeadShim(bundle));
    }

    @Test
    void aReusedPidIsLeftAlone() throws Exception {
        Process other = new ProcessBuilder("sleep", "600").start();
        try {
            long started = other.toHandle().info().startInstant().orElseThrow().toEpochMilli();
            new VmRecord("t1@vm", other.pid(), started - 1000, "", List.of()).write(bundle);
            assertFalse(LcowCleanup.cleanupAfterDeadShim(bundle));
            assertTrue(other.isAlive());
        } finally {
            other.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
