package io.hcs4j.emulator.guest;

import io.hcs4j.emulator.guest.runtime.Reaper;
import io.hcs4j.platform.Connection;
import io.hcs4j.platform.posix.Posix;
import io.hcs4j.uvm.transport.HvSocketDirs;
import io.hcs4j.uvm.transport.UnixSocketTransport;
import io.hcs4j.uvm.transport.VsockPorts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The emulated guest agent, run as its own OS process: dials the host's GCS port in the socket directory
 * named by HCS4J_HVSOCK_DIR (a Windows guest, HCS4J_GUEST_OS=windows: the Windows GCS service) and serves the bridge
 * until the host goes away. Exit status 0 when the bridge
 * ended, 2 when it could not connect.
 */
public final class GuestAgentMain {
    private static final Logger LOG = LoggerFactory.getLogger(GuestAgentMain.class);
    private static final long ORPHAN_SWEEP_MS = 1000;

    private GuestAgentMain() {
    }

    public static void main(String[] args) {
        String dir = System.getenv(HvSocketDirs.DIR_ENV);
        if (dir == null || dir.isEmpty()) {
            System.err.println("hcs4j guest agent: " + HvSocketDirs.DIR_ENV + " is not set");
            System.exit(2);
        }
        Path vmDir = Path.of(dir);
        boolean windows = "windows".equals(System.getenv(EmulatedGuestLauncher.OS_ENV));
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
        Cgroups.Detection cgroups = Cgroups.detect(Cgroups.DEFAULT_ROOT);
        if (cgroups.cgroups() == null) {
            LOG.info("containers run without cgroups ({}): no resource limits, statistics from /proc", cgroups.reason());
        } else {
            LOG.info("containers run in cgroups {}/{}{}/{}/<container>", Cgroups.DEFAULT_ROOT,
                    cgroups.cgroups().v2 ? "" : "<controller>/", Cgroups.PARENT, Cgroups.vmName(vmDir));
        }
        // The agent is PID 1 of its PID namespace (as root) and the subreaper of what it runs: orphans come to it.
        Reaper.becomeSubreaper();
        Reaper.sweepOrphans(ORPHAN_SWEEP_MS);
        new GuestAgent(bridge, vmDir, root, cgroups.cgroups()).serve();
        System.exit(0);
    }
}
