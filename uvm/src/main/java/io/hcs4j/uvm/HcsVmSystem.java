package io.hcs4j.uvm;

import io.hcs4j.hcs.ComputeSystem;
import io.hcs4j.hcs.HcsException;
import io.hcs4j.hcs.HcsService;
import io.hcs4j.schema.v2.ModifySettingRequest;
import io.hcs4j.schema.v2.Properties;
import io.hcs4j.schema.v2.PropertyQuery;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** A utility VM's compute system through the HCS facade (real HCS on Windows, the emulator elsewhere). */
public final class HcsVmSystem implements VmSystem {
    private final ComputeSystem system;

    private HcsVmSystem(ComputeSystem system) {
        this.system = system;
    }

    /** Creates VM compute systems through {@code service}. */
    public static VmSystem.Factory factory(HcsService service) {
        return (id, document) -> {
            try {
                return new HcsVmSystem(service.createComputeSystem(id, document));
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

    /** The RuntimeId HCS reports, or null where it reports none (the emulator, whose hvsockets are unix sockets). */
    @Override
    public UUID runtimeId() throws IOException {
        try {
            Properties p = system.properties(new PropertyQuery());
            return p.runtimeId == null || p.runtimeId.isEmpty() ? null : UUID.fromString(p.runtimeId);
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
