package io.hcs4j.runhcs;

import io.hcs4j.cow.hcs.HcsContainer;
import io.hcs4j.uvm.backend.HostBackend;

/**
 * Where runhcs containers come from: process-isolated Windows containers through HCS and the layer storage API,
 * both parts of the backend HCS4J_BACKEND selects (real HCS on Windows, the emulator elsewhere). The HCS4J_SCHEMA
 * setting ("v1") makes the container document schema1, for hosts that only speak it.
 */
final class Backend {
    /** The compute system owner HCS records for runhcs containers. */
    static final String OWNER = "hcs4j-runhcs";

    private Backend() {
    }

    static Holder.ContainerFactory containerFactory() {
        HcsContainer.Schema schema = "v1".equalsIgnoreCase(System.getenv("HCS4J_SCHEMA"))
                ? HcsContainer.Schema.V1 : HcsContainer.Schema.V2;
        HostBackend host = HostBackend.select();
        return (id, spec) -> HcsContainer.create(host.hcs(), host.storage(), id, spec, OWNER, schema);
    }
}
