package io.hcs4j.shim.runtime.lcow;

import io.hcs4j.cow.Container;
import io.hcs4j.cow.Process;
import io.hcs4j.schema.v1.ContainerProperties;
import io.hcs4j.schema.v2.ProcessParameters;
import io.hcs4j.schema.v2.Properties;
import io.hcs4j.schema.v2.PropertyType;
import io.hcs4j.shim.runtime.VmHosted;
import io.hcs4j.uvm.Resource;
import io.hcs4j.uvm.bridge.BridgeClosedException;
import io.hcs4j.uvm.guest.GuestContainer;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Linux container in a utility VM: the guest's container, plus what the shim holds for it besides, its
 * combined layers and its place in the VM it shares. The guest has no per-container pause, so pausing a
 * container pauses its VM, which it must then have to itself; closing it also removes the layers and leaves
 * the VM.
 */
final class LcowContainer implements Container, VmHosted {
    private static final Logger log = LoggerFactory.getLogger(LcowContainer.class);
    /** How long close waits for a killed container to report its exit before removing it. */
    private static final long EXIT_WAIT_SECONDS = 5;

    private final String id;
    private final LcowVm vm;
    private final Resource layers;
    private final GuestContainer container;
    private boolean started;
    private boolean closed;

    LcowContainer(String id, LcowVm vm, Resource layers, GuestContainer container) {
        this.id = id;
        this.vm = vm;
        this.layers = layers;
        this.container = container;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String os() {
        return container.os();
    }

    @Override
    public boolean isOci() {
        return container.isOci();
    }

    @Override
    public void start() throws IOException {
        synchronized (this) {
            requireOpen();
            started = true;
        }
        container.start();
    }

    @Override
    public Process createProcess(ProcessParameters parameters) throws IOException {
        synchronized (this) {
            requireOpen();
        }
        return container.createProcess(parameters);
    }

    private void requireOpen() throws IOException {
        if (closed) {
            throw new IOException("container " + id + " is closed");
        }
    }

    @Override
    public void shutdown() throws IOException {
        container.shutdown();
    }

    @Override
    public void terminate() throws IOException {
        container.terminate();
    }

    @Override
    public void pause() throws IOException {
        vm.pause(id);
    }

    @Override
    public void resume() throws IOException {
        vm.resume(id);
    }

    @Override
    public CompletableFuture<Void> exit() {
        return container.exit();
    }

    @Override
    public ContainerProperties properties(io.hcs4j.schema.v1.PropertyType... types) throws IOException {
        return container.properties(types);
    }

    @Override
    public Properties propertiesV2(PropertyType... types) throws IOException {
        return container.propertiesV2(types);
    }

    @Override
    public io.hcs4j.uvm.UtilityVm utilityVm() {
        return vm.vm();
    }

    @Override
    public boolean ownsUtilityVm() {
        return vm.ownedBy(id);
    }

    @Override
    public void modify(Object request) throws IOException {
        container.modify(request);
    }

    /**
     * Kills what still runs, then tears down in hcsshim's order: the combined layers first (the guest unmounts the
     * rootfs), then the guest's state (the guest removes the container's scratch and bundle directories, which
     * it cannot while the rootfs is still mounted in the bundle); and leaves the VM. Every step runs; what the
     * guest refused is the close's error. A guest that is gone took the container's state with it.
     */
    @Override
    public void close() throws IOException {
        boolean wasStarted;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            wasStarted = started;
        }
        try {
            if (wasStarted && !container.exit().isDone()) {
                container.terminate();
                container.exit().get(EXIT_WAIT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            // The VM is gone or the container would not stop: deleting its state says which.
            log.warn("container {}: terminate: {}", id, e.toString());
        }
        IOException failure = step("remove the combined layers", layers::close, null);
        failure = step("delete the guest's state", container::deleteState, failure);
        container.close();
        vm.leave(id);
        if (failure != null) {
            throw failure;
        }
    }

    private interface Step {
        void run() throws IOException;
    }

    /** Runs a teardown step; returns the first failure so far, later ones suppressed in it. */
    private IOException step(String what, Step step, IOException failure) {
        try {
            step.run();
            return failure;
        } catch (BridgeClosedException e) {
            log.info("container {}: {}: the guest is gone: {}", id, what, e.getMessage());
            return failure;
        } catch (IOException e) {
            log.warn("container {}: {}: {}", id, what, e.getMessage());
            IOException failed = new IOException("container " + id + ": " + what + ": " + e.getMessage(), e);
            if (failure == null) {
                return failed;
            }
            failure.addSuppressed(failed);
            return failure;
        }
    }
}
