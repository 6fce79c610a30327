package io.hcs4j.cow.storage.spi;

import io.hcs4j.cow.storage.ComputeStorage;
import io.hcs4j.cow.storage.VmComputeLayers;

/**
 * A host's layer-storage API, found with {@link java.util.ServiceLoader}: the JNA provider for Windows lives in this
 * module, the emulator registers its own. Named like the HCS backends ("windows", "emulator") so that one
 * HCS4J_BACKEND setting chooses both.
 */
public interface StorageProvider {
    String name();

    boolean isAvailable();

    /** computestorage.dll, or null where the host lacks it. */
    ComputeStorage computeStorage();

    /** The legacy layer calls of vmcompute.dll, or null where the host lacks them. */
    VmComputeLayers vmComputeLayers();
}
