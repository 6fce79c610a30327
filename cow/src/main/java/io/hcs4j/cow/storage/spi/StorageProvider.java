package io.hcs4j.cow.storage.spi;

import io.hcs4j.cow.storage.ComputeStorage;
import io.hcs4j.cow.storage.VmComputeLayers;

/**
 * A host's layer-storage API: the JNA one for Windows lives in this module, the emulator has its own. It is a part
 * of the selected backend, handed out by its provider (uvm's {@code HostBackendProvider}), not looked up alone.
 */
public interface StorageProvider {
    /** For messages, e.g. "windows" or "emulator". */
    String name();

    /** computestorage.dll, or null where the host lacks it. */
    ComputeStorage computeStorage();

    /** The legacy layer calls of vmcompute.dll, or null where the host lacks them. */
    VmComputeLayers vmComputeLayers();
}
