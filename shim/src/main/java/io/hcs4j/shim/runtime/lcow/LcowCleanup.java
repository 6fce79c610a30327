package io.hcs4j.shim.runtime.lcow;

import io.hcs4j.platform.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code delete}'s part for LCOW: ends what the utility VM of a dead shim left behind, from the bundle's
 * {@link VmRecord}. On the emulator that is the guest agent process and everything it started, mounts at the
 * guest root paths (when the agent shared the host's mount namespace) and the VM's socket directory; with
 * real HCS it is the VM's compute system. Uses the JDK only on Linux, so {@code delete} stays fast.
 */
public final class LcowCleanup {
    /** delete has 5 s in all: the kill gets at most this long to take effect. */
    private static final long KILL_WAIT_MS = 2000;

    private LcowCleanup() {
    }

    /** Looked up only when there is something to report: a normal teardown's delete loads no logging. */
    private static Logger log() {
        return LoggerFactory.getLogger(LcowCleanup.class);
    }

    /**
     * Cleans up the utility VM recorded in {@code bundle}, if any, and removes the record. Returns whether a
     * VM (guest agent or compute system) was still running and had to be ended.
     */
    public static boolean cleanupAfterDeadShim(Path bundle) {
        Optional<VmRecord> record;
        try {
            record = VmRecord.read(bundle);
        } catch (IOException e) {
            log().warn("LCOW cleanup of {}: {}", bundle, e.getMessage());
            return false;
        }
        if (record.isEmpty()) {
            return false;
        }
        VmRecord r = record.get();
        boolean killed = r.agentPid() > 0 ? killAgent(r) : terminateComputeSystem(r);
        for (String root : r.guestRoots()) {
            unmountIfMounted(Path.of(root));
        }
        if (!r.socketDir().isEmpty()) {
            deleteTree(Path.of(r.socketDir()));
        }
        try {
            VmRecord.remove(bundle);
        } catch (IOException e) {
            log().warn("LCOW cleanup: {} not removed: {}", bundle.resolve(VmRecord.FILE), e.getMessage());
        }
        log().info("LCOW cleanup of {} ({}): {}", r.vmId(), bundle, killed ? "the VM was still running" : "nothing running");
        return killed;
    }

    /** Kills the agent and its descendants (its container processes), the pid checked against its start time. */
    private static boolean killAgent(VmRecord r) {
        Optional<ProcessHandle> agent = ProcessHandle.of(r.agentPid()).filter(h -> h.info().startInstant()
                .map(t -> t.toEpochMilli() == r.agentStartMillis()).orElse(false));
        if (agent.isEmpty()) {
            return false;
        }
        List<ProcessHandle> all = new ArrayList<>();
        agent.get().descendants().forEach(all::add);
        all.add(agent.get());
        List<CompletableFuture<ProcessHandle>> exits = new ArrayList<>();
        for (ProcessHandle h : all) {
            h.destroyForcibly();
            exits.add(h.onExit());
        }
        try {
            CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new)).get(KILL_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log().warn("LCOW cleanup: processes of {} still running {} ms after SIGKILL", r.vmId(), KILL_WAIT_MS);
        }
        return true;
    }

    /** With real HCS the VM is a compute system that outlives the shim: terminate it by id. */
    private static boolean terminateComputeSystem(VmRecord r) {
        try (io.hcs4j.hcs.ComputeSystem system = io.hcs4j.hcs.HcsService.open().openComputeSystem(r.vmId())) {
            system.terminate();
            return true;
        } catch (io.hcs4j.hcs.HcsException e) {
            log().info("LCOW cleanup: {} not terminated: {}", r.vmId(), e.getMessage());
            return false;
        }
    }

    private static void unmountIfMounted(Path root) {
        String target = root.toAbsolutePath().normalize().toString();
        boolean mounted;
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/mountinfo"))) {
            // Field 5 is the mount point (spaces escaped as \040).
            mounted = lines.map(l -> l.split(" ")).anyMatch(f -> f.length > 4 && f[4].replace("\\040", " ").equals(target));
        } catch (IOException e) {
            return;
        }
        if (!mounted) {
            return;
        }
        try {
            Process p = new ProcessBuilder("umount", "-l", target).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(KILL_WAIT_MS, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                log().warn("LCOW cleanup: umount {} timed out", target);
            } else if (p.exitValue() != 0) {
                log().warn("LCOW cleanup: umount {} failed with {}", target, p.exitValue());
            }
        } catch (IOException e) {
            log().warn("LCOW cleanup: umount {}: {}", target, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(Path dir) {
        try {
            FileTrees.delete(dir);
        } catch (IOException e) {
            log().warn("LCOW cleanup: {} not removed: {}", dir, e.getMessage());
        }
    }
}
