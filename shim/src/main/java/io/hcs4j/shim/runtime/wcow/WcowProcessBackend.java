package io.hcs4j.shim.runtime.wcow;

import io.hcs4j.cow.Container;
import io.hcs4j.cow.hcs.HcsContainer;
import io.hcs4j.schema.oci.Spec;
import io.hcs4j.shim.runtime.ContainerBackend;
import io.hcs4j.shim.runtime.ContainerSpec;
import io.hcs4j.uvm.backend.HostBackend;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * Process-isolated Windows containers: an HCS compute system per task (io.hcs4j.cow's HcsContainer, which
 * HCS can pause and resume, and whose close terminates it and unmounts its layers) on the task's layers
 * ({@link WcowSpec}).
 */
public final class WcowProcessBackend implements ContainerBackend {
    private static final String OWNER = "containerd-shim-runhcs-v1";

    private final Supplier<HostBackend> host;

    /** @param host the shim's one backend: its HCS and layer storage */
    public WcowProcessBackend(Supplier<HostBackend> host) {
        this.host = host;
    }

    @Override
    public String name() {
        return "wcow-process";
    }

    @Override
    public Container create(ContainerSpec spec) throws IOException {
        Spec oci = WcowSpec.read(spec);
        HostBackend backend = host.get();
        return HcsContainer.create(backend.hcs(), backend.storage(), spec.id(), oci, OWNER, HcsContainer.Schema.V2);
    }
}
