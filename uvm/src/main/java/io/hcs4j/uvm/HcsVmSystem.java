package io.hcs4j.uvm;

import io.hcs4j.hcs.ComputeSystem;
import io.hcs4j.hcs.HcsService;
import io.hcs4j.schema.v2.ModifySettingRequest;
import io.hcs4j.schema.v2.Properties;
import io.hcs4j.schema.v2.PropertyQuery;
import io.hcs4j.uvm.transport.HvSocketTransport;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * A utility VM's compute system through the HCS facade (real HCS on Windows, the emulator elsewhere). Failures
 * are the facade's {@link io.hcs4j.hcs.HcsException}s, passed on with their kind.
 */
public final class HcsVmSystem implements VmSystem {
    private final HcsService service;
    private final ComputeSystem system;
    private final HvSocketTransport.Factory transports;

    private HcsVmSystem(HcsService service, ComputeSystem system, HvSocketTransport.Factory transports) {
        this.service = service;
        this.system = system;
        this.transports = transports;
    }

    /** Creates VM compute systems through {@code service}, reached over {@code transports}. */
    public static VmSystem.Factory factory(HcsService service, HvSocketTransport.Factory transports) {
        return (id, document) -> new HcsVmSystem(service, service.createComputeSystem(id, document),
                transports);
    }

    @Override
    public String id() {
        return system.id();
    }

    /** The transport to the VM by the RuntimeId HCS reports (null where it reports none). */
    @Override
    public HvSocketTransport transport() throws IOException {
        Properties p = system.properties(new PropertyQuery());
        return transports.forVm(id(), p.runtimeId == null || p.runtimeId.isEmpty() ? null
                : UUID.fromString(p.runtimeId));
    }

    @Override
    public void start() throws IOException {
        system.start();
    }

    @Override
    public void terminate() throws IOException {
        system.terminate();
    }

    @Override
    public void pause() throws IOException {
        system.pause();
    }

    @Override
    public void resume() throws IOException {
        system.resume();
    }

    @Override
    public void modify(ModifySettingRequest request) throws IOException {
        system.modify(request);
    }

    @Override
    public void grantAccess(String hostPath) throws IOException {
        service.grantVmAccess(system.id(), hostPath);
    }

    @Override
    public CompletableFuture<?> exit() {
        return system.exit();
    }

    @Override
    public void close() {
        system.close();
    }
}
