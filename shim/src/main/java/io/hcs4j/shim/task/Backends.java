package io.hcs4j.shim.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.hcs4j.hcs.HcsException;
import io.hcs4j.shim.api.runhcs.Options;
import io.hcs4j.shim.runtime.ContainerBackend;
import io.hcs4j.shim.runtime.lcow.LcowBackend;
import io.hcs4j.shim.runtime.wcow.WcowHypervisorBackend;
import io.hcs4j.shim.runtime.wcow.WcowProcessBackend;
import io.hcs4j.uvm.UtilityVm;
import io.hcs4j.uvm.VmAnnotations;
import io.hcs4j.uvm.backend.HostBackend;
import io.hcs4j.uvm.guest.GuestConnection;
import java.util.function.Supplier;

/**
 * Platform routing: a Linux spec (or sandbox_platform linux/...) goes to the Linux path, a Windows spec to
 * process or hypervisor isolation, chosen as hcsshim chooses it ({@link #hypervisorIsolated}). A path this build
 * or host cannot serve is Unimplemented with the reason.
 */
public final class Backends {
    private final ContainerBackend linux;
    private final String linuxMissingReason;
    private final ContainerBackend windowsProcess;
    private final ContainerBackend windowsHypervisor;
    /** The host backend the paths share, when this class selected it ({@link #forThisHost}). */
    private final SelectedOnce host;

    /** @param linux the Linux-container path, or null with the reason it is unavailable */
    public Backends(ContainerBackend linux, String linuxMissingReason) {
        this(linux, linuxMissingReason, null);
    }

    /** @param windowsProcess process-isolated Windows containers, or null where unavailable */
    public Backends(ContainerBackend linux, String linuxMissingReason, ContainerBackend windowsProcess) {
        this(linux, linuxMissingReason, windowsProcess, null);
    }

    /** @param windowsHypervisor Windows containers in Windows utility VMs, or null where unavailable */
    public Backends(ContainerBackend linux, String linuxMissingReason, ContainerBackend windowsProcess,
                    ContainerBackend windowsHypervisor) {
        this(null, linux, linuxMissingReason, windowsProcess, windowsHypervisor);
    }

    private Backends(SelectedOnce host, ContainerBackend linux, String linuxMissingReason,
                     ContainerBackend windowsProcess, ContainerBackend windowsHypervisor) {
        this.host = host;
        this.linux = linux;
        this.linuxMissingReason = linuxMissingReason;
        this.windowsProcess = windowsProcess;
        this.windowsHypervisor = windowsHypervisor;
    }

    /**
     * The paths for this host: LCOW and process-isolated Windows containers over the one backend HCS4J_BACKEND
     * selects (real HCS on Windows, the emulator elsewhere), selected on first use, with hcsshim's timeouts.
     */
    public static Backends forThisHost() {
        SelectedOnce host = new SelectedOnce();
        return new Backends(host, new LcowBackend(host, UtilityVm.DEFAULT_CONNECT_TIMEOUT, GuestConnection.DEFAULT_RPC_TIMEOUT),
                null, new WcowProcessBackend(host), new WcowHypervisorBackend(host, UtilityVm.DEFAULT_CONNECT_TIMEOUT,
                        GuestConnection.DEFAULT_RPC_TIMEOUT));
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

        synchronized HostBackend selectedOrNull() {
            return selected;
        }
    }

    /**
     * How many compute systems the host backend this process selected still has (0 when none was selected): a shim
     * daemon that would serve another pod must have none left from the last.
     */
    public int openComputeSystems() throws HcsException {
        HostBackend selected = host == null ? null : host.selectedOrNull();
        if (selected == null) {
            return 0;
        }
        return selected.hcs().enumerateComputeSystems(null, JsonNode.class).size();
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
            if (hypervisorIsolated(spec, options)) {
                if (windowsHypervisor == null) {
                    throw TaskException.unimplemented("Windows containers with hypervisor isolation: no Windows "
                            + "utility VM path on this shim");
                }
                return windowsHypervisor;
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

    /**
     * Whether a Windows spec runs in a utility VM, as hcsshim decides: {@code windows.hyperv} in the spec, or the
     * runtime options' {@code SandboxIsolation=HYPERVISOR} (which fills it in). Non-default runtime options that say
     * PROCESS for a spec asking for Hyper-V contradict it, and so does a confidential isolation type annotation on a
     * process-isolated container: InvalidArgument. The sizing annotations ({@code io.microsoft.virtualmachine.*})
     * configure a VM and never select one.
     */
    static boolean hypervisorIsolated(OciSpec spec, Options options) {
        boolean optionsSayHypervisor = options.getSandboxIsolation() == Options.SandboxIsolation.HYPERVISOR;
        boolean defaultOptions = options.equals(Options.getDefaultInstance());
        if (spec.hypervisorIsolated() && !optionsSayHypervisor && !defaultOptions) {
            throw TaskException.invalid("the runtime options ask for sandbox isolation "
                    + options.getSandboxIsolation() + ", but the spec's windows.hyperv asks for hypervisor isolation");
        }
        boolean hypervisor = spec.hypervisorIsolated() || optionsSayHypervisor;
        String confidential = spec.annotations().get(VmAnnotations.WCOW_ISOLATION_TYPE);
        if (confidential != null && !hypervisor) {
            throw TaskException.invalid("annotation " + VmAnnotations.WCOW_ISOLATION_TYPE + "=" + confidential
                    + " needs hypervisor isolation (windows.hyperv or SandboxIsolation=HYPERVISOR); the container is "
                    + "process isolated");
        }
        return hypervisor;
    }
}
