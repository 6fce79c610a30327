package io.hcs4j.runhcs;

import io.hcs4j.cow.hcs.HcsContainer;
import io.hcs4j.cow.storage.LayerStorage;
import io.hcs4j.hcs.HcsService;

/**
 * Where runhcs containers come from: process-isolated Windows containers through HCS and the layer storage API, both
 * chosen by HCS4J_BACKEND (real HCS on Windows, the emulator elsewhere). The HCS4J_SCHEMA setting ("v1") makes the
 * container document schema1, for hosts that only speak it.
 */
final class Backend {
    /** The compute system owner HCS records for runhcs containers. */
    static final String OWNER = "hcs4j-runhcs";

    private Backend() {
    }

    static Holder.ContainerFactory containerFactory() {
        HcsContainer.Schema schema = "v1".equalsIgnoreCase(System.getenv("HCS4J_SCHEMA"))
                ? HcsContainer.Schema.V1 : HcsContainer.Schema.V2;
        return (id, spec) -> HcsContainer.create(HcsService.open(), LayerStorage.open(), id, spec, OWNER, schema);
    }
}
