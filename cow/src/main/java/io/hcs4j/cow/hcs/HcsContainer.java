package io.hcs4j.cow.hcs;

import io.hcs4j.cow.Container;
import io.hcs4j.cow.Process;
import io.hcs4j.cow.storage.LayerStorage;
import io.hcs4j.cow.storage.MountedLayers;
import io.hcs4j.hcs.ComputeSystem;
import io.hcs4j.hcs.HcsException;
import io.hcs4j.hcs.HcsService;
import io.hcs4j.schema.oci.Spec;
import io.hcs4j.schema.v1.ContainerProperties;
import io.hcs4j.schema.v2.ProcessParameters;
import io.hcs4j.schema.v2.Properties;
import io.hcs4j.schema.v2.PropertyQuery;
import io.hcs4j.schema.v2.PropertyType;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process-isolated Windows container run by HCS, built from an OCI spec: its layers are mounted through
 * {@link LayerStorage}, its compute system created from the schema2 (or schema1) document. {@link #close()} ends the
 * container if it still runs, releases the compute system handle and unmounts the layers, exactly once.
 */
public final class HcsContainer implements Container {
    private static final Logger LOG = LoggerFactory.getLogger(HcsContainer.class);
    /** How long close() waits for a terminated container to stop before releasing its layers anyway. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final String id;
    private final ComputeSystem system;
    private final MountedLayers layers;
    private final ComputeSystemHost host;
    private final AtomicBoolean closed = new AtomicBoolean();

    private HcsContainer(String id, ComputeSystem system, MountedLayers layers) {
        this.id = id;
        this.system = system;
        this.layers = layers;
        this.host = new ComputeSystemHost(system, "windows");
    }

    /** Which document to give HCS. */
    public enum Schema { V1, V2 }

    /**
     * Mounts the spec's layers and creates the compute system (state Created; {@link #start()} runs it). Throws
     * IllegalArgumentException for a spec that is not a process-isolated Windows container, IOException when HCS or
     * the layer storage refuses; nothing stays mounted or created then.
     */
    public static HcsContainer create(HcsService hcs, LayerStorage storage, String id, Spec spec, String owner,
                                      Schema schema) throws IOException {
        ContainerDocuments.windowsOf(spec);
        List<String> folders = spec.windows.layerFolders;
        MountedLayers mounted = storage.mount(folders);
        try {
            ContainerDocuments.Layers l = new ContainerDocuments.Layers(mounted.path(), mounted.scratch(),
                    mounted.parents());
            Object document = schema == Schema.V1 ? ContainerDocuments.v1(id, owner, spec, l)
                    : ContainerDocuments.v2(owner, spec, l);
            return new HcsContainer(id, hcs.createComputeSystem(id, document), mounted);
        } catch (HcsException e) {
            unmountAfterFailure(mounted, e);
            throw e;
        } catch (RuntimeException e) {
            unmountAfterFailure(mounted, e);
            throw e;
        }
    }

    private static void unmountAfterFailure(MountedLayers mounted, Exception cause) {
        try {
            mounted.close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Process createProcess(ProcessParameters parameters) throws IOException {
        return host.createProcess(parameters);
    }

    @Override
    public String os() {
        return host.os();
    }

    @Override
    public boolean isOci() {
        return false;
    }

    @Override
    public void start() throws IOException {
        system.start();
    }

    @Override
    public void shutdown() throws IOException {
        try {
            system.shutdown();
        } catch (HcsException e) {
            if (!e.isAlreadyStopped()) {
                throw e;
            }
        }
    }

    @Override
    public void terminate() throws IOException {
        try {
            system.terminate();
        } catch (HcsException e) {
            if (!e.isAlreadyStopped()) {
                throw e;
            }
        }
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
    public CompletableFuture<Void> exit() {
        return system.exit().thenApply(x -> null);
    }

    @Override
    public ContainerProperties properties(io.hcs4j.schema.v1.PropertyType... types) throws IOException {
        io.hcs4j.schema.v1.PropertyQuery q = new io.hcs4j.schema.v1.PropertyQuery();
        q.propertyTypes = List.of(types);
        return system.properties(q, ContainerProperties.class);
    }

    @Override
    public Properties propertiesV2(PropertyType... types) throws IOException {
        PropertyQuery q = new PropertyQuery();
        q.propertyTypes = List.of(types);
        return system.properties(q, Properties.class);
    }

    @Override
    public void modify(Object request) throws IOException {
        system.modify(request);
    }

    /** Terminates the container if it runs, waits (bounded) for it to stop, closes the handle, unmounts the layers. */
    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (!system.exit().isDone()) {
                terminate();
                system.waitExit(STOP_TIMEOUT);
            }
        } catch (HcsException e) {
            LOG.debug("{}: exit after terminate: {}", id, e.getMessage());
        } catch (TimeoutException e) {
            LOG.warn("{}: still running {} after terminate; releasing it anyway", id, STOP_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            system.close();
            layers.close();
        }
    }

    @Override
    public String toString() {
        return "HcsContainer[" + id + "]";
    }
}
