package io.hcs4j.hcs;

import com.fasterxml.jackson.databind.JsonNode;
import io.hcs4j.hcs.spi.HcsBackend;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Entry point to the Host Compute Service: creates, opens and enumerates compute systems and reads or changes
 * service-wide settings, through the backend and HCS generation chosen by {@link HcsBackends}.
 */
public final class HcsService {
    private final HcsBackend backend;
    private final HcsApi api;

    private HcsService(HcsBackend backend, HcsApi api) {
        this.backend = backend;
        this.api = api;
    }

    /** The service the current HCS4J_BACKEND setting selects (logged once). */
    public static HcsService open() {
        HcsBackends.Selection<?> s = HcsBackends.select();
        return open(s.backend(), s.generation());
    }

    /** A service over an explicit backend and generation. */
    public static HcsService open(HcsBackend backend, HcsGeneration generation) {
        HcsApi api = switch (generation) {
            case COMPUTECORE -> {
                if (backend.computeCore() == null) {
                    throw new IllegalStateException(backend.name() + " has no computecore.dll");
                }
                yield new ComputeCoreApi(backend);
            }
            case VMCOMPUTE -> {
                if (backend.vmCompute() == null) {
                    throw new IllegalStateException(backend.name() + " has no vmcompute.dll");
                }
                yield new VmComputeApi(backend);
            }
        };
        return new HcsService(backend, api);
    }

    /** e.g. "emulator/computecore". */
    public String describe() {
        return backend.name() + "/" + api.name();
    }

    /**
     * Creates a compute system from its document (schema2 ComputeSystem, schema1 ContainerConfig, or JSON) and
     * returns an open handle to it, in state Created.
     */
    public ComputeSystem createComputeSystem(String id, Object document) throws HcsException {
        String doc = Documents.write(document);
        CompletableFuture<ComputeSystem> self = new CompletableFuture<>();
        long ctx = EventRouter.register(ComputeSystem.sink(self));
        try {
            ComputeSystem system = new ComputeSystem(api, backend, id, ctx,
                    api.createSystem(id, doc, ctx, HcsTimeouts.CREATE.get()));
            self.complete(system);
            return system;
        } catch (HcsException | RuntimeException e) {
            EventRouter.unregister(ctx);
            throw e;
        }
    }

    /** Opens another handle to an existing compute system. */
    public ComputeSystem openComputeSystem(String id) throws HcsException {
        CompletableFuture<ComputeSystem> self = new CompletableFuture<>();
        long ctx = EventRouter.register(ComputeSystem.sink(self));
        try {
            ComputeSystem system = new ComputeSystem(api, backend, id, ctx, api.openSystem(id, ctx));
            self.complete(system);
            return system;
        } catch (HcsException | RuntimeException e) {
            EventRouter.unregister(ctx);
            throw e;
        }
    }

    /**
     * Lists compute systems matching {@code query} (a schema1 ComputeSystemQuery, JSON, or null for all), each read as
     * {@code itemType} (schema1 ContainerProperties, or JsonNode / String).
     */
    public <T> List<T> enumerateComputeSystems(Object query, Class<T> itemType) throws HcsException {
        String doc = api.enumerate(Documents.write(query == null ? "{}" : query), HcsTimeouts.ENUMERATE.get());
        JsonNode list = Documents.tree(doc);
        List<T> out = new ArrayList<>();
        for (JsonNode item : list) {
            out.add(itemType == JsonNode.class ? itemType.cast(item)
                    : Documents.read(item.toString(), itemType, "HcsEnumerateComputeSystems"));
        }
        return out;
    }

    /** Service properties for a schema2 ServiceQuery / schema1 query (or JSON), read as {@code type}. */
    public <T> T serviceProperties(Object query, Class<T> type) throws HcsException {
        return Documents.read(api.serviceProperties(Documents.write(query)), type, "HcsGetServiceProperties");
    }

    /** Applies a schema2 ModificationRequest to the service (or JSON). */
    public void modifyServiceSettings(Object settings) throws HcsException {
        api.modifyServiceSettings(Documents.write(settings));
    }

    /** Lets the VM {@code vmId} open {@code filePath}, as a disk HCS attaches to it must be (HcsGrantVmAccess). */
    public void grantVmAccess(String vmId, String filePath) throws HcsException {
        api.grantVmAccess(vmId, filePath);
    }
}
