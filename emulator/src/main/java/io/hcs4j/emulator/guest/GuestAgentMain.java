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
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The emulated guest agent, run as its own OS process: dials the host's GCS port in the socket directory
 * named by HCS4J_HVSOCK_DIR (a Windows guest, HCS4J_GUEST_OS=windows: the Windows GCS service) and serves the bridge
 * until the host goes away. A pooled agent (HCS4J_VM_POOL_ENTRY set, {@link AgentPool}) boots first and learns its
 * VM's directory from the claim that takes it out of the pool, and may go back to it after the VM. Exit status 0 when the bridge
 * ended, 2 when it could not connect.
 */
public final class GuestAgentMain {
    private static final Logger LOG = LoggerFactory.getLogger(GuestAgentMain.class);
    private static final long ORPHAN_SWEEP_MS = 1000;
    /** VMs a pooled agent serves before it exits instead of going back to the pool. */
    static final int MAX_VMS = 100;

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
        if (poolEntry != null && !poolEntry.isEmpty()) {
            servePooled(Path.of(poolEntry), windows, cgroups);
        }
        String dir = System.getenv(HvSocketDirs.DIR_ENV);
        if (dir == null || dir.isEmpty()) {
            System.err.println("hcs4j guest agent: " + HvSocketDirs.DIR_ENV + " is not set");
            System.exit(2);
        }
        Path vmDir = Path.of(dir);
        Connection bridge = dial(vmDir, windows);
        if (windows) {
            serveWindows(bridge, vmDir);
        }
        Reaper.sweepOrphans(ORPHAN_SWEEP_MS);
        linuxAgent(bridge, vmDir, cgroups).serve();
        System.exit(0);
    }

    private static Connection dial(Path vmDir, boolean windows) {
        try {
            return UnixSocketTransport.dial(vmDir, windows ? VsockPorts.WINDOWS_GCS_SERVICE
                    : VsockPorts.serviceId(VsockPorts.GCS_PORT));
        } catch (IOException e) {
            System.err.println("hcs4j guest agent: " + e.getMessage());
            System.exit(2);
            return null;
        }
    }

    private static void serveWindows(Connection bridge, Path vmDir) {
        LOG.info("Windows guest agent connected to {}", vmDir);
        new WindowsGuestAgent(bridge, vmDir).serve();
        System.exit(0);
    }

    private static GuestAgent linuxAgent(Connection bridge, Path vmDir, Cgroups.Detection cgroups) {
        boolean root = Posix.isRoot();
        LOG.info("guest agent connected to {} (root: {})", vmDir, root);
        if (cgroups.cgroups() == null) {
            LOG.info("containers run without cgroups ({}): no resource limits, statistics from /proc", cgroups.reason());
        } else {
            LOG.info("containers run in cgroups {}/{}{}/{}/<container>", Cgroups.DEFAULT_ROOT,
                    cgroups.cgroups().v2 ? "" : "<controller>/", Cgroups.PARENT, Cgroups.vmName(vmDir));
        }
        return new GuestAgent(bridge, vmDir, root, cgroups.cgroups());
    }

    /**
     * A pooled agent: waits in the pool ({@link PooledAgent}) until a launch claims it, then serves that VM as a fresh
     * agent does. A Linux agent whose VM the host ends cleanly may go back to the pool and serve another: when it holds
     * no more than when first ready ({@link AgentFootprint}) and has served fewer than {@link #MAX_VMS} VMs. Exits
     * (status 0) when it is no longer wanted, 2 when it fails.
     */
    private static void servePooled(Path firstEntry, boolean windows, Cgroups.Detection cgroups) {
        try {
            if (windows) {
                Json.mapper(); // the bridge's first use of Jackson, done while idle
            } else {
                AgentWarmUp.run();
                Reaper.sweepOrphans(ORPHAN_SWEEP_MS);
            }
            AgentFootprint first = AgentFootprint.now();
            Path entry = firstEntry;
            for (int served = 1; ; served++) {
                Optional<PooledAgent.Claimed> claimed = PooledAgent.awaitClaim(entry, PooledAgent.idleTimeout());
                if (claimed.isEmpty()) {
                    PooledAgent.boundLog(entry.getParent(), true);
                    System.exit(0);
                }
                PooledAgent.boundLog(entry.getParent(), false);
                PooledAgent.Claim claim = claimed.get().claim();
                takeVm(claim, windows);
                Connection bridge = dial(claim.vmDir(), windows);
                if (windows) {
                    serveWindows(bridge, claim.vmDir());
                }
                GuestAgent agent = linuxAgent(bridge, claim.vmDir(), cgroups);
                SocketChannel line = claimed.get().line();
                AtomicBoolean endedByHost = new AtomicBoolean();
                Thread watch = new Thread(() -> {
                    if (PooledAgent.awaitEnd(line)) {
                        endedByHost.set(true);
                        agent.end();
                    }
                }, "vm-line");
                watch.setDaemon(true);
                watch.start();
                agent.serve();
                watch.join(PooledAgent.END_TIMEOUT.toMillis());
                if (!endedByHost.get()) {
                    System.exit(0); // the VM ended otherwise: as a fresh agent, this one ends with it
                }
                String refusal = served >= MAX_VMS ? "it has served " + served + " VMs" : AgentFootprint.unlike(first);
                PooledAgent.ended(line, refusal);
                Optional<Path> next = PooledAgent.awaitLeave(line);
                line.close();
                if (refusal != null || next.isEmpty()) {
                    System.exit(0);
                }
                LOG.info("VM {} ended: back in the pool as {}", claim.vmDir(), next.get());
                entry = next.get();
            }
        } catch (Exception e) {
            System.err.println("hcs4j pooled guest agent: " + e);
            System.exit(2);
        }
    }

    /**
     * What a fresh agent reads from its environment, from the claim: where to keep the list of its mounts, where to
     * learn its memory size and (a Windows guest) its containers' cgroup. Whatever an earlier VM set is replaced.
     */
    private static void takeVm(PooledAgent.Claim claim, boolean windows) {
        MountLog.AGENT.keepIn(claim.mountsFile());
        if (claim.memoryFile() != null) {
            System.setProperty(GuestMemory.FILE_PROPERTY, claim.memoryFile().toString());
        } else {
            System.clearProperty(GuestMemory.FILE_PROPERTY);
        }
        if (windows) {
            System.setProperty(Emulator.CGROUP_PARENT_PROPERTY, EmulatedGuestLauncher.windowsCgroupParent(claim.vmDir()));
        }
    }
}
