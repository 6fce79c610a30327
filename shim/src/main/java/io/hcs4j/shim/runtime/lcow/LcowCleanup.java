package io.hcs4j.shim.runtime.lcow;

import io.hcs4j.hcs.ComputeSystem;
import io.hcs4j.hcs.HcsException;
import io.hcs4j.shim.runtime.VmRecord;
import io.hcs4j.uvm.backend.HostBackend;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code delete}'s part for LCOW: ends the utility VM of a dead shim, named by the bundle's {@link VmRecord},
 * through the backend: open the compute system by id and terminate it. Real HCS keeps a VM after its shim died;
 * the emulator records its VMs so that another process can open them too. What a VM consists of (a guest agent
 * and its processes, mounts, sockets) is the backend's business. Without a record nothing is loaded, so the
 * {@code delete} of a normal teardown stays light.
 */
public final class LcowCleanup {
    private LcowCleanup() {
    }

    /** Looked up only when there is something to report: a normal teardown's delete loads no logging. */
    private static Logger log() {
        return LoggerFactory.getLogger(LcowCleanup.class);
    }

    /**
     * Ends the utility VM recorded in {@code bundle}, if any, through the backend {@code host} selects (called only
     * when there is a record), and removes the record. Returns whether the VM was still running.
     */
    public static boolean cleanupAfterDeadShim(Path bundle, Supplier<HostBackend> host) {
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
        String vmId = record.get().vmId();
        boolean terminated = terminate(host.get(), vmId);
        try {
            VmRecord.remove(bundle);
        } catch (IOException e) {
            log().warn("LCOW cleanup: {} not removed: {}", bundle.resolve(VmRecord.FILE), e.getMessage());
        }
        log().info("LCOW cleanup of {} ({}): {}", vmId, bundle, terminated ? "the VM was still running" : "nothing running");
        return terminated;
    }

    /** Opens the VM by id and terminates it; not found or already stopped means nothing was running. */
    private static boolean terminate(HostBackend host, String vmId) {
        try (ComputeSystem system = host.hcs().openComputeSystem(vmId)) {
            system.terminate();
            return true;
        } catch (HcsException e) {
            if (!e.isNotFound() && !e.isAlreadyStopped()) {
                log().warn("LCOW cleanup: {} not terminated: {}", vmId, e.getMessage());
            }
            return false;
        }
    }
}
