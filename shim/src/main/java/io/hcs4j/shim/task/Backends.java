package io.hcs4j.shim.task;

import io.hcs4j.shim.api.runhcs.Options;
import io.hcs4j.shim.runtime.ContainerBackend;
import io.hcs4j.shim.runtime.lcow.LcowBackend;
import io.hcs4j.shim.runtime.wcow.WcowProcessBackend;
import io.hcs4j.uvm.UtilityVm;
import io.hcs4j.uvm.backend.HostBackend;
import io.hcs4j.uvm.guest.GuestConnection;
import java.util.function.Supplier;

/**
 * Platform routing: a Linux spec (or sandbox_platform linux/...) goes to the Linux path, a Windows spec to
 * process or hypervisor isolation. A path this build or host cannot serve is Unimplemented with the reason.
 */
public final class Backends {
    public static final String ISOLATION_ANNOTATION = "io.microsoft.virtualmachine.computetopology.isolation";
    private final ContainerBackend linux;
    private final String linuxMissingReason;
    private final ContainerBackend windowsProcess;

    /** @param linux the Linux-container path, or null with the reason it is unavailable */
    public Backends(ContainerBackend linux, String linuxMissingReason) {
        this(linux, linuxMissingReason, null);
    }

    /** @param windowsProcess process-isolated Windows containers, or null where unavailable */
    public Backends(ContainerBackend linux, String linuxMissingReason, ContainerBackend windowsProcess) {
        this.linux = linux;
        this.linuxMissingReason = linuxMissingReason;
        this.windowsProcess = windowsProcess;
    }

    /**
     * The paths for this host: LCOW and process-isolated Windows containers over the one backend HCS4J_BACKEND
     * selects (real HCS on Windows, the emulator elsewhere), selected on first use, with hcsshim's timeouts.
     */
    public static Backends forThisHost() {
        Supplier<HostBackend> host = new SelectedOnce();
        return new Backends(new LcowBackend(host, UtilityVm.DEFAULT_CONNECT_TIMEOUT, GuestConnection.DEFAULT_RPC_TIMEOUT),
                null, new WcowProcessBackend(host));
    }

    /** The backend, selected by the first caller (the warm-up thread, usually: selecting starts the emulator). */
    private static final class SelectedOnce implements Supplier<HostBackend> {
        private HostBackend selected;

        @Override
        public synchronized HostBackend get() {
            if (selected == null) {
                selected = HostBackend.select();
            }
            return selected;
        }
    }

    /** Warms the Linux path (the common case) ahead of the first Create. */
    void warmUp() {
        if (linux != null) {
            linux.warmUp();
        }
    }

    ContainerBackend select(OciSpec spec, Options options) {
        String platform = spec.platform();
        if (options.getSandboxPlatform().startsWith("linux/") && spec.isSandbox()) {
            platform = "linux";
        }
        if (platform.equals("windows")) {
            boolean hypervisor = options.getSandboxIsolation() == Options.SandboxIsolation.HYPERVISOR
                    || spec.hypervisorIsolated()
                    || "hypervisor".equalsIgnoreCase(spec.annotations().get(ISOLATION_ANNOTATION));
            if (hypervisor) {
                throw TaskException.unimplemented("Windows containers with hypervisor isolation need a Windows "
                        + "utility VM, which the shim does not drive yet (process isolation works)");
            }
            if (windowsProcess == null) {
                throw TaskException.unimplemented("Windows containers: no HCS path on this shim");
            }
            return windowsProcess;
        }
        if (linux == null) {
            throw TaskException.unimplemented("Linux containers: " + linuxMissingReason);
        }
        return linux;
    }
}
