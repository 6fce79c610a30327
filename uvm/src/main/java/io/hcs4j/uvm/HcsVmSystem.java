package io.hcs4j.uvm;

import io.hcs4j.hcs.ComputeSystem;
import io.hcs4j.hcs.HcsException;
import io.hcs4j.hcs.HcsService;
import io.hcs4j.schema.v2.ModifySettingRequest;
import io.hcs4j.schema.v2.Properties;
import io.hcs4j.schema.v2.PropertyQuery;
import io.hcs4j.uvm.transport.HvSocketTransport;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** A utility VM's compute system through the HCS facade (real HCS on Windows, the emulator elsewhere). */
public final class HcsVmSystem implements VmSystem {
    private final ComputeSystem system;
    private final HvSocketTransport.Factory transports;

    private HcsVmSystem(ComputeSystem system, HvSocketTransport.Factory transports) {
        this.system = system;
        this.transports = transports;
    }

    /** Creates VM compute systems through {@code service}, reached over {@code transports}. */
    public static VmSystem.Factory factory(HcsService service, HvSocketTransport.Factory transports) {
        return (id, document) -> {
            try {
                return new HcsVmSystem(service.createComputeSystem(id, document), transports);
            } catch (HcsException e) {
                throw io("create", id, e);
            }
        };
    }

    private static IOException io(String what, String id, HcsException e) {
        return new IOException("HCS " + what + " of " + id + " failed: " + e.getMessage(), e);
    }

    @Override
    public String id() {
        return system.id();
    }

    /** The transport to the VM by the RuntimeId HCS reports (null where it reports none). */
    @Override
    public HvSocketTransport transport() throws IOException {
        try {
            Properties p = system.properties(new PropertyQuery());
            return transports.forVm(id(), p.runtimeId == null || p.runtimeId.isEmpty() ? null
                    : UUID.fromString(p.runtimeId));
        } catch (HcsException e) {
            throw io("properties", id(), e);
        }
    }

    @Override
    public void start() throws IOException {
        try {
            system.start();
        } catch (HcsException e) {
            throw io("start", id(), e);
        }
    }

    @Override
    public void terminate() throws IOException {
        try {
            system.terminate();
        } catch (HcsException e) {
            throw io("terminate", id(), e);
        }
    }

    @Override
    public void pause() throws IOException {
        try {
            system.pause();
        } catch (HcsException e) {
            throw io("pause", id(), e);
        }
    }

    @Override
    public void resume() throws IOException {
        try {
            system.resume();
        } catch (HcsException e) {
            throw io("resume", id(), e);
        }
    }

    @Override
    public void modify(ModifySettingRequest request) throws IOException {
        try {
            system.modify(request);
        } catch (HcsException e) {
            throw io("modify", id(), e);
        }
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
