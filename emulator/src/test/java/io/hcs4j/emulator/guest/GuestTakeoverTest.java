package io.hcs4j.emulator.guest;

import io.hcs4j.emulator.hcs.Emulator;
import io.hcs4j.hcs.ComputeSystem;
import io.hcs4j.hcs.HcsException;
import io.hcs4j.hcs.HcsGeneration;
import io.hcs4j.hcs.HcsService;
import io.hcs4j.platform.PrivateDirectory;
import io.hcs4j.platform.posix.Posix;
import io.hcs4j.uvm.transport.HvSocketDirs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A VM whose emulator died with its process (a killed shim) is opened by id from another emulator through its
 * guest record, and terminating it ends what it left: the agent and its children, its mounts, its sockets, its record.
 */
@Timeout(30)
class GuestTakeoverTest {
    @TempDir
    Path work;

    private static String vmId() {
        return "takeover-" + UUID.randomUUID().toString().substring(0, 8) + "@vm";
    }

    /** A fresh emulator: it holds none of the VMs the records name. */
    private static void withHcs(ThrowingConsumer<HcsService> test) throws Exception {
        try (Emulator emulator = new Emulator(new EmulatedGuestLauncher())) {
            test.accept(HcsService.open(emulator.backend(), HcsGeneration.COMPUTECORE));
        }
    }

    interface ThrowingConsumer<T> {
        void accept(T t) throws Exception;
    }

    @Test
    void terminateKillsTheRecordedAgentWithItsChildrenAndRemovesItsSocketsAndRecord() throws Exception {
        String id = vmId();
        Path sockets = Files.createDirectories(HvSocketDirs.forVm(id));
        Files.createFile(sockets.resolve("40000000-facb-11e6-bd58-64006a7986d3.sock"));
        Files.createDirectories(sockets.resolve("devices/plan9"));
        Files.createSymbolicLink(sockets.resolve("devices/plan9/share"), work);
        // A stand-in agent with a child of its own, as the guest agent has its container processes.
        Process agent = new ProcessBuilder("/bin/sh", "-c", "sleep 600 & echo $!; wait").start();
        long childPid = Long.parseLong(new BufferedReader(new InputStreamReader(agent.getInputStream())).readLine().trim());
        ProcessHandle child = ProcessHandle.of(childPid).orElseThrow();
        long started = agent.toHandle().info().startInstant().orElseThrow().toEpochMilli();
        GuestRecords.write(new GuestRecords.GuestRecord(id, agent.pid(), started, sockets));
        // A rootfs the agent mounted in the host's mount namespace (an agent without a namespace of its own).
        Path rootfs = Files.createDirectories(work.resolve("rootfs"));
        boolean mounted = Posix.isRoot() && new ProcessBuilder("mount", "-t", "tmpfs", "tmpfs", rootfs.toString())
                .start().waitFor() == 0;
        Files.writeString(GuestRecords.mountsFile(id), rootfs.toString());
        withHcs(hcs -> {
            try (ComputeSystem vm = hcs.openComputeSystem(id)) {
                vm.terminate();
            }
            assertTrue(agent.waitFor(5, TimeUnit.SECONDS), "the agent is gone");
            child.onExit().get(5, TimeUnit.SECONDS);
            assertFalse(Files.exists(sockets), "socket directory left behind");
            assertTrue(Files.isDirectory(work), "a device's host directory stays");
            assertFalse(mountPoints().contains(rootfs.toString()), "the agent's mount is left (mounted: " + mounted + ")");
            assertFalse(Files.exists(GuestRecords.mountsFile(id)), "the list of its mounts is left");
            assertEquals(Optional.empty(), GuestRecords.read(id));
            HcsException gone = assertThrows(HcsException.class, () -> hcs.openComputeSystem(id));
            assertTrue(gone.isNotFound(), gone.toString());
        });
    }

    private static List<String> mountPoints() throws IOException {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/mountinfo"))) {
            return lines.map(l -> l.split(" ")[4]).toList();
        }
    }

    @Test
    void aStaleRecordIsCleanedAndAnswersNotFound() throws Exception {
        String id = vmId();
        Path sockets = Files.createDirectories(HvSocketDirs.forVm(id));
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor(5, TimeUnit.SECONDS);
        GuestRecords.write(new GuestRecords.GuestRecord(id, gone.pid(), 1L, sockets));
        withHcs(hcs -> {
            HcsException e = assertThrows(HcsException.class, () -> hcs.openComputeSystem(id));
            assertTrue(e.isNotFound(), e.toString());
        });
        assertFalse(Files.exists(sockets), "socket directory left behind");
        assertEquals(Optional.empty(), GuestRecords.read(id));
    }

    @Test
    void aReusedPidIsLeftAlone() throws Exception {
        String id = vmId();
        Process other = new ProcessBuilder("sleep", "600").start();
        try {
            long started = other.toHandle().info().startInstant().orElseThrow().toEpochMilli();
            GuestRecords.write(new GuestRecords.GuestRecord(id, other.pid(), started - 1000, HvSocketDirs.forVm(id)));
            withHcs(hcs -> {
                HcsException e = assertThrows(HcsException.class, () -> hcs.openComputeSystem(id));
                assertTrue(e.isNotFound(), e.toString());
            });
            assertTrue(other.isAlive());
        } finally {
            other.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aStateDirectoryOthersCouldWriteIsRefused() throws IOException {
        Path open = Files.createDirectory(work.resolve("open"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        IOException e = assertThrows(IOException.class, () -> PrivateDirectory.check(open));
        assertTrue(e.getMessage().contains("mode 0700"), e.getMessage());
        Path link = Files.createSymbolicLink(work.resolve("link"), Files.createDirectory(work.resolve("private"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))));
        assertThrows(IOException.class, () -> PrivateDirectory.check(link));
        assertTrue(PrivateDirectory.check(work.resolve("private")));
    }
}
