package io.hcs4j.shim.runtime.lcow;

import io.hcs4j.cow.Container;
import io.hcs4j.cow.Process;
import io.hcs4j.schema.v1.ContainerProperties;
import io.hcs4j.schema.v2.ProcessParameters;
import io.hcs4j.schema.v2.Properties;
import io.hcs4j.schema.v2.PropertyType;
import io.hcs4j.uvm.Resource;
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
final class LcowContainer implements Container {
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
    public void modify(Object request) throws IOException {
        container.modify(request);
    }

    /** Kills what still runs, removes the guest's container and its layers, and leaves the VM. */
    @Override
    public void close() {
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
            // The VM is gone or the container would not stop: removing the VM below ends it regardless.
            log.debug("container {}: terminate: {}", id, e.toString());
        }
        quietly("delete state", container::deleteState);
        container.close();
        quietly("remove layers", layers::close);
        vm.leave(id);
    }

    private interface Step {
        void run() throws IOException;
    }

    private void quietly(String what, Step step) {
        try {
            step.run();
        } catch (IOException e) {
            log.debug("container {}: {}: {}", id, what, e.getMessage());
        }
    }
}
