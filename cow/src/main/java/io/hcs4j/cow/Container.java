package io.hcs4j.cow;

import io.hcs4j.schema.v1.ContainerProperties;
import io.hcs4j.schema.v2.Properties;
import io.hcs4j.schema.v2.PropertyType;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/** A container, on the host or in a utility VM. */
public interface Container extends ProcessHost, AutoCloseable {
    String id();

    void start() throws IOException;

    /** Asks the container to shut down gracefully; does not wait for it. */
    void shutdown() throws IOException;

    /** Ends the container forcibly; does not wait for it. */
    void terminate() throws IOException;

    /** Pauses every process of the container; throws {@link UnsupportedOperationException} (with the reason) where the host cannot. */
    void pause() throws IOException;

    /** Resumes a paused container; throws {@link UnsupportedOperationException} where the host cannot. */
    void resume() throws IOException;

    /**
     * Completes when the container has stopped; completes exceptionally when the connection to it is lost
     * (the host or utility VM died, or {@link #close()} was called first).
     */
    CompletableFuture<Void> exit();

    /** Properties of a schema1 container (process list, statistics, ...). */
    ContainerProperties properties(io.hcs4j.schema.v1.PropertyType... types) throws IOException;

    /** Properties of a schema2 container. */
    Properties propertiesV2(PropertyType... types) throws IOException;

    /**
     * Changes the container's resources: an HCS {@link io.hcs4j.schema.v2.ModifySettingRequest} for a
     * container HCS runs, a guest {@link io.hcs4j.schema.guest.ModificationRequest} or
     * {@link io.hcs4j.schema.guest.ContainerUpdate} resources for one the guest runs.
     */
    void modify(Object request) throws IOException;

    /** Releases what the host holds for the container; depending on the implementation it may also end it. Idempotent. */
    @Override
    void close() throws IOException;
}
