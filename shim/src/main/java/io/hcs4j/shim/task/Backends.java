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

    /** The backend the current host offers: Linux specs go to LCOW utility VMs (HCS, or its emulator on Linux). */
    public static Backends forThisHost() {
        try {
            return new Backends(io.hcs4j.shim.runtime.lcow.LcowBackend.forThisHost(), null);
        } catch (RuntimeException e) {
            return new Backends(null, "no HCS backend for LCOW utility VMs: " + e.getMessage());
        }
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
                    + " isolation need HCS through io.hcs4j.cow, which this build does not include yet").asRuntimeException();
        }
        if (linux == null) {
            throw Status.UNIMPLEMENTED.withDescription("Linux containers: " + linuxMissingReason).asRuntimeException();
        }
        return linux;
    }
}
