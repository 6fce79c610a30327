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

    /** @param linux the Linux-container path, or null with the reason it is unavailable */
    public Backends(ContainerBackend linux, String linuxMissingReason) {
        this.linux = linux;
        this.linuxMissingReason = linuxMissingReason;
    }

    /**
     * The Linux path for this host: LCOW through HCS (real on Windows, the emulator elsewhere), or with
     * HCS4J_SHIM_LINUX_PATH=host the host process path (Linux only: no utility VM, processes chrooted
     * into the rootfs).
     */
    public static Backends forThisHost() {
        String path = System.getenv().getOrDefault("HCS4J_SHIM_LINUX_PATH", "lcow");
        if (path.equals("host")) {
            return new Backends(new io.hcs4j.shim.runtime.host.HostBackend(), null);
        }
        if (!path.equals("lcow")) {
            throw new IllegalArgumentException("HCS4J_SHIM_LINUX_PATH must be lcow or host, not " + path);
        }
        return new Backends(new io.hcs4j.shim.runtime.lcow.LcowBackend(), null);
    }

    ContainerBackend select(OciSpec spec, Options options) {
        String platform = spec.platform();
        if (options.getSandboxPlatform().startsWith("linux/") && spec.isSandbox()) {
            platform = "linux";
        }
        if (platform.equals("windows")) {
            boolean hypervisor = options.getSandboxIsolation() == Options.SandboxIsolation.HYPERVISOR
                    || spec.annotations().containsKey(ISOLATION_ANNOTATION);
            throw Status.UNIMPLEMENTED.withDescription("Windows containers with " + (hypervisor ? "hypervisor" : "process")
                    + " isolation: the HCS-backed cow container is not wired into the shim yet").asRuntimeException();
        }
        if (linux == null) {
            throw Status.UNIMPLEMENTED.withDescription("Linux containers: " + linuxMissingReason).asRuntimeException();
        }
        return linux;
    }
}
