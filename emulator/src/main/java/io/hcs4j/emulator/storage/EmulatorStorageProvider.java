package io.hcs4j.emulator.storage;

import io.hcs4j.cow.storage.ComputeStorage;
import io.hcs4j.cow.storage.VmComputeLayers;
import io.hcs4j.cow.storage.spi.StorageProvider;

/** The emulated layer storage: computestorage only (the legacy vmcompute layer calls are not emulated). */
public final class EmulatorStorageProvider implements StorageProvider {
    private static final EmulatedComputeStorage STORAGE = new EmulatedComputeStorage();

    @Override
    public String name() {
        return "emulator";
    }

    @Override
    public ComputeStorage computeStorage() {
        return STORAGE;
    }

    @Override
    public VmComputeLayers vmComputeLayers() {
        return null;
    }
}
