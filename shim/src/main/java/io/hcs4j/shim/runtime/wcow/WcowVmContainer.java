package io.hcs4j.shim.runtime.wcow;

import io.hcs4j.cow.Container;
import io.hcs4j.cow.Process;
import io.hcs4j.schema.v1.ContainerProperties;
import io.hcs4j.schema.v2.ProcessParameters;
import io.hcs4j.schema.v2.Properties;
import io.hcs4j.schema.v2.PropertyType;
import io.hcs4j.uvm.Resource;
import io.hcs4j.uvm.bridge.BridgeClosedException;
import io.hcs4j.uvm.guest.GuestContainer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Windows container in a Windows utility VM: the guest's container, plus what the shim holds for it, its VSMB
 * layer shares, its scratch disk and the combined layers (in the order they were added), and its place in the VM.
 * Pausing pauses the VM, which it must have to itself. Closing kills what still runs, removes the resources in
 * reverse (combined layers, scratch, shares) and leaves the VM.
 */
final class WcowVmContainer implements Container {
    private static final Logger log = LoggerFactory.getLogger(WcowVmContainer.class);
    /** How long close waits for a killed container to report its exit before removing its storage. */
    private static final long EXIT_WAIT_SECONDS = 5;

    private final String id;
    private final WcowVm vm;
    private final List<Resource> resources;
    private final GuestContainer container;
    private boolean started;
    private boolean closed;

    WcowVmContainer(String id, WcowVm vm, List<Resource> resources, GuestContainer container) {
        this.id = id;
        this.vm = vm;
        this.resources = new ArrayList<>(resources);
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
    public void modify(Object request) {
        throw new UnsupportedOperationException("updating the resources of a container in a Windows utility VM");
    }

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
            // The VM is gone or the container would not stop: removing its storage says which.
            log.warn("container {}: terminate: {}", id, e.toString());
        }
        // A VM that has stopped took its shares, disks and the guest's state with it. A guest that is gone (the
        // bridge closed) means the VM is going down: HCS reports that a moment later.
        if (container.exit().isCompletedExceptionally()) {
            try {
                vm.vm().exit().get(EXIT_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.warn("container {}: the guest is gone but its VM {} still runs", id, vm.vm().id());
            }
        }
        IOException failure = vm.vm().exit().isDone() ? null : release(id, resources);
        container.close();
        vm.leave(id);
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Closes {@code resources} last first. Every one is closed; the first failure is returned with later ones
     * suppressed in it. A guest that is gone took the resources with it.
     */
    static IOException release(String id, List<Resource> resources) {
        IOException failure = null;
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (BridgeClosedException e) {
                log.info("container {}: the guest is gone: {}", id, e.getMessage());
            } catch (IOException e) {
                log.warn("container {}: removing {}: {}", id, resources.get(i).guestPath(), e.getMessage());
                if (failure == null) {
                    failure = new IOException("container " + id + ": removing its storage: " + e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        return failure;
    }
}
