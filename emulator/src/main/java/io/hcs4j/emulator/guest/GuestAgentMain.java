package io.hcs4j.emulator.guest;

import io.hcs4j.emulator.guest.runtime.Reaper;
import io.hcs4j.emulator.hcs.Emulator;
import io.hcs4j.platform.Connection;
import io.hcs4j.platform.posix.Posix;
import io.hcs4j.schema.Json;
import io.hcs4j.uvm.transport.HvSocketDirs;
import io.hcs4j.uvm.transport.UnixSocketTransport;
import io.hcs4j.uvm.transport.VsockPorts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The emulated guest agent, run as its own OS process: dials the host's GCS port in the socket directory
 * named by HCS4J_HVSOCK_DIR (a Windows guest, HCS4J_GUEST_OS=windows: the Windows GCS service) and serves the bridge
 * until the host goes away. A pooled agent (HCS4J_VM_POOL_ENTRY set, {@link AgentPool}) boots first and learns its
 * VM's directory from the claim that takes it out of the pool. Exit status 0 when the bridge
 * ended, 2 when it could not connect.
 */
public final class GuestAgentMain {
    private static final Logger LOG = LoggerFactory.getLogger(GuestAgentMain.class);
    private static final long ORPHAN_SWEEP_MS = 1000;

    private GuestAgentMain() {
    }

    public static void main(String[] args) {
        boolean windows = "windows".equals(System.getenv(EmulatedGuestLauncher.OS_ENV));
        String poolEntry = System.getenv(PooledAgent.ENTRY_ENV);
        // What does not depend on the VM comes first: a pooled agent has it done before its claim.
        Cgroups.Detection cgroups = windows ? null : Cgroups.detect(Cgroups.DEFAULT_ROOT);
        if (!windows) {
            // The agent is PID 1 of its PID namespace (as root) and the subreaper of what it runs: orphans come to it.
            Reaper.becomeSubreaper();
        }
        Path vmDir;
        if (poolEntry != null && !poolEntry.isEmpty()) {
            vmDir = claimed(Path.of(poolEntry), windows);
        } else {
            String dir = System.getenv(HvSocketDirs.DIR_ENV);
            if (dir == null || dir.isEmpty()) {
                System.err.println("hcs4j guest agent: " + HvSocketDirs.DIR_ENV + " is not set");
                System.exit(2);
            }
            vmDir = Path.of(dir);
        }
        Connection bridge;
        try {
            bridge = UnixSocketTransport.dial(vmDir, windows ? VsockPorts.WINDOWS_GCS_SERVICE
                    : VsockPorts.serviceId(VsockPorts.GCS_PORT));
        } catch (IOException e) {
            System.err.println("hcs4j guest agent: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (windows) {
            LOG.info("Windows guest agent connected to {}", vmDir);
            new WindowsGuestAgent(bridge, vmDir).serve();
            System.exit(0);
        }
        boolean root = Posix.isRoot();
        LOG.info("guest agent connected to {} (root: {})", vmDir, root);
        if (cgroups.cgroups() == null) {
            LOG.info("containers run without cgroups ({}): no resource limits, statistics from /proc", cgroups.reason());
        } else {
            LOG.info("containers run in cgroups {}/{}{}/{}/<container>", Cgroups.DEFAULT_ROOT,
                    cgroups.cgroups().v2 ? "" : "<controller>/", Cgroups.PARENT, Cgroups.vmName(vmDir));
        }
        Reaper.sweepOrphans(ORPHAN_SWEEP_MS);
        new GuestAgent(bridge, vmDir, root, cgroups.cgroups()).serve();
        System.exit(0);
    }

    /**
     * A pooled agent's VM: waits in the pool ({@link PooledAgent}) until a launch claims it, then keeps the list of
     * its mounts, learns its memory size and (a Windows guest) its containers' cgroup where the claim says. Exits
     * (status 0) when it is no longer wanted there.
     */
    private static Path claimed(Path entry, boolean windows) {
        try {
            Json.mapper(); // the bridge's first use of Jackson, done while idle
            Optional<PooledAgent.Claim> claim = PooledAgent.awaitClaim(entry, PooledAgent.idleTimeout());
            if (claim.isEmpty()) {
                System.exit(0);
            }
            if (claim.get().mountsFile() != null) {
                MountLog.AGENT.keepIn(claim.get().mountsFile());
            }
            if (claim.get().memoryFile() != null) {
                System.setProperty(GuestMemory.FILE_PROPERTY, claim.get().memoryFile().toString());
            }
            if (windows) {
                System.setProperty(Emulator.CGROUP_PARENT_PROPERTY,
                        EmulatedGuestLauncher.windowsCgroupParent(claim.get().vmDir()));
            }
            return claim.get().vmDir();
        } catch (IOException | RuntimeException e) {
            System.err.println("hcs4j pooled guest agent: " + e.getMessage());
            System.exit(2);
            return null;
        }
    }
}
