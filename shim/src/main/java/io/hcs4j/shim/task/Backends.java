package io.hcs4j.shim.task;

import io.hcs4j.shim.api.runhcs.Options;
import io.hcs4j.shim.runtime.ContainerBackend;
import io.grpc.Status;

/**
 * Platform routing: a Linux spec (or sandbox_platform linux/...) goes to the Linux path, a Windows spec to
 * process or hypervisor isolation. A path this build or host cannot serve is UNIMPLEMENTED with the reason.
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
     * The Linux path for this host: LCOW through HCS (real on Windows, the emulator elsewhere), or with
     * HCS4J_SHIM_LINUX_PATH=host the host process path (Linux only: no utility VM, processes chrooted
     * into the rootfs).
     */
    public static Backends forThisHost() {
        String path = System.getenv().getOrDefault("HCS4J_SHIM_LINUX_PATH", "lcow");
        ContainerBackend windows = new io.hcs4j.shim.runtime.wcow.WcowProcessBackend();
        if (path.equals("host")) {
            return new Backends(new io.hcs4j.shim.runtime.host.HostBackend(), null, windows);
        }
        if (!path.equals("lcow")) {
            throw new IllegalArgumentException("HCS4J_SHIM_LINUX_PATH must be lcow or host, not " + path);
        }
        return new Backends(io.hcs4j.shim.runtime.lcow.LcowBackend.forThisHost(), null, windows);
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
                throw Status.UNIMPLEMENTED.withDescription("Windows containers with hypervisor isolation need a Windows "
                        + "utility VM, which the shim does not drive yet (process isolation works)").asRuntimeException();
            }
            if (windowsProcess == null) {
                throw Status.UNIMPLEMENTED.withDescription("Windows containers: no HCS path on this shim").asRuntimeException();
            }
            return windowsProcess;
        }
        if (linux == null) {
            throw Status.UNIMPLEMENTED.withDescription("Linux containers: " + linuxMissingReason).asRuntimeException();
        }
        return linux;
    }
}
