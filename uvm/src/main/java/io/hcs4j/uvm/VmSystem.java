package io.hcs4j.uvm;

import io.hcs4j.schema.v2.ModifySettingRequest;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The compute system under a utility VM: what {@link UtilityVm} needs of HCS's ComputeSystem (hcs-bindings
 * provides it, on Windows and in the emulator).
 */
public interface VmSystem extends AutoCloseable {

    String id();

    /** The VM's runtime id: the VM id of its hvsockets on Windows. */
    UUID runtimeId() throws IOException;

    void start() throws IOException;

    void terminate() throws IOException;

    /** Hot-adds or removes a device (an HCS ModifySettingRequest without its guest part). */
    void modify(ModifySettingRequest request) throws IOException;

    /** Completes when the system has stopped, for whatever reason. */
    CompletableFuture<?> exit();

    /** Releases the handle; idempotent. */
    @Override
    void close();

    /** Creates compute systems from documents. */
    @FunctionalInterface
    interface Factory {
        VmSystem create(String id, io.hcs4j.schema.v2.ComputeSystem document) throws IOException;
    }
}
