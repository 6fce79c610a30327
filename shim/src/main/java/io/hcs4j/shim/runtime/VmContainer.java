package io.hcs4j.shim.runtime;

import io.hcs4j.cow.Container;
import io.hcs4j.cow.Process;
import io.hcs4j.schema.v1.ContainerProperties;
import io.hcs4j.schema.v2.ProcessParameters;
import io.hcs4j.schema.v2.Properties;
import io.hcs4j.schema.v2.PropertyType;
import io.hcs4j.uvm.UtilityVm;
import io.hcs4j.uvm.HostedContainer;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * A container in a utility VM as the task layer sees it (Linux, or Hyper-V isolated Windows): uvm's
 * {@link HostedContainer}, and ({@link VmHosted}) the VM and whether the container's task owns it, for the VM's
 * statistics and updates as hcsshim gives an owning task. Everything else is the {@link HostedContainer}'s.
 */
public final class VmContainer implements Container, VmHosted {
    private final HostedContainer container;
    private final TaskVm vm;

    public VmContainer(HostedContainer container, TaskVm vm) {
        this.container = container;
        this.vm = vm;
    }

    @Override
    public UtilityVm utilityVm() {
        return vm.vm();
    }

    /** A standalone task or a pod's sandbox boots the VM {@code <its id>@vm}; a pod's containers join it. */
    @Override
    public boolean ownsUtilityVm() {
        return vm.ownedBy(container.id());
    }

    @Override
    public String id() {
        return container.id();
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
    public Process createProcess(ProcessParameters parameters) throws IOException {
        return container.createProcess(parameters);
    }

    @Override
    public void start() throws IOException {
        container.start();
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
        container.pause();
    }

    @Override
    public void resume() throws IOException {
        container.resume();
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

    @Override
    public void close() throws IOException {
        container.close();
    }
}
