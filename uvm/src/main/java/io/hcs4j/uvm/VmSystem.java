package io.hcs4j.uvm;

import io.hcs4j.schema.v2.ModifySettingRequest;
import io.hcs4j.uvm.transport.HvSocketTransport;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * The compute system under a utility VM: what {@link UtilityVm} needs of HCS's ComputeSystem (hcs-bindings
 * provides it, on Windows and in the emulator).
 */
public interface VmSystem extends AutoCloseable {

    String id();

    /** How the host reaches the VM's hvsockets (on Windows: AF_HYPERV by the VM's runtime id). */
    HvSocketTransport transport() throws IOException;

    void start() throws IOException;

    void terminate() throws IOException;

    /** Freezes the whole VM (its guest and everything it runs). */
    void pause() throws IOException;

    void resume() throws IOException;

    /** Hot-adds or removes a device (an HCS ModifySettingRequest without its guest part). */
    void modify(ModifySettingRequest request) throws IOException;

    /** Lets the VM's worker process open a host file it is about to attach (HcsGrantVmAccess). */
    void grantAccess(String hostPath) throws IOException;

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
