package io.hcs4j.uvm.guest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.uvm.bridge.BridgeClosedException;
import io.hcs4j.uvm.bridge.ContainerListener;
import io.hcs4j.uvm.bridge.GcsBridge;
import io.hcs4j.uvm.bridge.GcsException;
import io.hcs4j.uvm.bridge.codec.BridgeJson;
import io.hcs4j.uvm.bridge.codec.Rpc;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * A Linux container in a utility VM, run by the guest agent. Exits are learned from the guest's container
 * notification; if the bridge dies the container counts as exited (the future fails with the bridge's
 * reason).
 */
public final class GuestContainer implements Closeable {
    private final GuestConnection connection;
    private final String id;
    private final CompletableFuture<String> exited = new CompletableFuture<>();

    private GuestContainer(GuestConnection connection, String id) {
        this.connection = connection;
        this.id = id;
    }

    static GuestContainer create(GuestConnection connection, String id, ObjectNode ociSpec, String bundlePath,
                                 String scratchDirPath) throws IOException, GcsException {
        GuestContainer container = new GuestContainer(connection, id);
        // Listen before Create: a container can exit before its Create response is read.
        connection.bridge().register(id, container.listener());
        ObjectNode config = BridgeJson.object();
        config.putObject("SchemaVersion").put("Major", 2).put("Minor", 1);
        if (bundlePath != null) {
            config.put("OciBundlePath", bundlePath);
        }
        config.set("OciSpecification", ociSpec);
        if (scratchDirPath != null) {
            config.put("ScratchDirPath", scratchDirPath);
        }
        ObjectNode request = GcsBridge.request(id);
        request.put("ContainerConfig", BridgeJson.nested(config));
        try {
            connection.call(Rpc.CREATE, request);
        } catch (IOException | GcsException e) {
            connection.bridge().unregister(id);
            throw e;
        }
        return container;
    }

    private ContainerListener listener() {
        return new ContainerListener() {
            @Override
            public void notification(ObjectNode notification) {
                String type = notification.path("Type").asText();
                if (type.endsWith("Exit") || type.equals("None")) {
                    exited.complete(type);
                }
            }

            @Override
            public void bridgeClosed(BridgeClosedException cause) {
                exited.completeExceptionally(cause);
            }
        };
    }

    public String id() {
        return id;
    }

    public void start() throws IOException, GcsException {
        connection.call(Rpc.START, GcsBridge.request(id));
    }

    /** Runs the container's init process (the OCI spec's process). */
    public GuestProcess startInit(boolean stdin, boolean stdout, boolean stderr) throws IOException, GcsException {
        return GuestProcess.start(connection, id, ProcessOptions.init(stdin, stdout, stderr));
    }

    public GuestProcess exec(ProcessOptions options) throws IOException, GcsException {
        return GuestProcess.start(connection, id, options);
    }

    /** Asks the container to stop (SIGTERM to init); does not wait. */
    public void shutdown() throws IOException, GcsException {
        connection.call(Rpc.SHUTDOWN_GRACEFUL, GcsBridge.request(id));
    }

    /** Kills the container (SIGKILL); does not wait. */
    public void terminate() throws IOException, GcsException {
        connection.call(Rpc.SHUTDOWN_FORCED, GcsBridge.request(id));
    }

    /**
     * Properties of the container by type ("ProcessList", "Statistics"...): the guest's Properties document
     * (e.g. {@code {"ProcessList":[{"ProcessId":..}]}} or {@code {"LCOWMetrics":{..}}}).
     */
    public ObjectNode properties(String... types) throws IOException, GcsException {
        ObjectNode query = BridgeJson.object();
        ArrayNode list = query.putArray("PropertyTypes");
        for (String t : types) {
            list.add(t);
        }
        ObjectNode request = GcsBridge.request(id);
        request.put("Query", BridgeJson.nested(query));
        ObjectNode response = connection.call(Rpc.GET_PROPERTIES, request);
        try {
            return BridgeJson.unnest(response.get("Properties"));
        } catch (IOException e) {
            throw new IOException("container " + id + ": unreadable Properties from the guest: " + e.getMessage(), e);
        }
    }

    /** Updates the container's resources (OCI LinuxResources). */
    public void update(ObjectNode resources) throws IOException, GcsException {
        ObjectNode request = GcsBridge.request(id);
        request.put("Resources", BridgeJson.nested(resources));
        connection.call(Rpc.UPDATE_CONTAINER, request);
    }

    /** Removes the guest's state of an exited container. */
    public void deleteState() throws IOException, GcsException {
        connection.call(Rpc.DELETE_CONTAINER_STATE, GcsBridge.request(id));
    }

    /**
     * Completes with the notification type ("UnexpectedExit", "GracefulExit"...) when the container exits;
     * fails with {@link BridgeClosedException} when the VM is lost first.
     */
    public CompletableFuture<String> exited() {
        return exited;
    }

    /** Stops routing notifications to this object; the guest's container is not touched. */
    @Override
    public void close() {
        connection.bridge().unregister(id);
    }
}
