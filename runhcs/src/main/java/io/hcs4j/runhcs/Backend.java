package io.hcs4j.runhcs;

import io.hcs4j.cow.hcs.HcsContainer;
import io.hcs4j.hcs.HcsBackends;
import io.hcs4j.runhcs.scratch.EmulatedScratchDisks;
import io.hcs4j.runhcs.scratch.ScratchDisks;
import io.hcs4j.runhcs.scratch.WindowsScratchDisks;
import io.hcs4j.uvm.backend.HostBackend;
import io.hcs4j.uvm.backend.HostBackendProvider;

/**
 * Where runhcs containers come from: process-isolated Windows containers through HCS and the layer storage API,
 * both parts of the backend HCS4J_BACKEND selects (real HCS on Windows, the emulator elsewhere). The HCS4J_SCHEMA
 * setting ("v1") makes the container document schema1, for hosts that only speak it. create-scratch's disks come
 * from the same selection.
 */
final class Backend {
    /** The compute system owner HCS records for runhcs containers. */
    static final String OWNER = "hcs4j-runhcs";

    private Backend() {
    }

    /** Scratch disks in the selected backend's format (VHDX on Windows, VHD-footed sparse images on the emulator). */
    static ScratchDisks scratchDisks(boolean useVirtualMemory) {
        HcsBackends.Selection<HostBackendProvider> s = HcsBackends.select(HostBackendProvider.class);
        if (!"windows".equals(s.provider().name())) {
            return new EmulatedScratchDisks();
        }
        HostBackend host = HostBackend.select();
        return new WindowsScratchDisks(host.vmSystems(), s.provider().backend().computeCore(), OWNER,
                useVirtualMemory);
    }

    static Holder.ContainerFactory containerFactory() {
        HcsContainer.Schema schema = "v1".equalsIgnoreCase(System.getenv("HCS4J_SCHEMA"))
                ? HcsContainer.Schema.V1 : HcsContainer.Schema.V2;
        HostBackend host = HostBackend.select();
        return (id, spec) -> HcsContainer.create(host.hcs(), host.storage(), id, spec, OWNER, schema);
    }
}
