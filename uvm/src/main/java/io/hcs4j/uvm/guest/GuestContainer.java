package io.hcs4j.uvm.guest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.cow.Container;
import io.hcs4j.schema.Json;
import io.hcs4j.schema.SchemaException;
import io.hcs4j.schema.guest.ModificationRequest;
import io.hcs4j.schema.v1.ContainerProperties;
import io.hcs4j.schema.v2.ProcessParameters;
import io.hcs4j.schema.v2.Properties;
import io.hcs4j.schema.v2.PropertyType;
import io.hcs4j.uvm.bridge.BridgeClosedException;
import io.hcs4j.uvm.bridge.ContainerListener;
import io.hcs4j.uvm.bridge.GcsBridge;
import io.hcs4j.uvm.bridge.codec.BridgeJson;
import io.hcs4j.schema.guest.RPCProc;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * A Linux container in a utility VM, run by the guest agent. Its exit is learned from the guest's container
 * notification; if the bridge dies the container counts as exited and {@link #exit()} fails with the
 * bridge's reason.
 */
public final class GuestContainer implements Container {
    private final GuestConnection connection;
    private final String id;
    private final CompletableFuture<Void> exit = new CompletableFuture<>();
    private volatile String exitType;

    private GuestContainer(GuestConnection connection, String id) {
        this.connection = connection;
        this.id = id;
    }

    static GuestContainer create(GuestConnection connection, String id, ObjectNode ociSpec, String bundlePath,
                                 String scratchDirPath) throws IOException {
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
            connection.call(RPCProc.RPC_CREATE, request);
        } catch (IOException e) {
            connection.bridge().unregister(id);
            throw e;
        }
        return container;
    }

    private ContainerListener listener() {
        return new ContainerListener() {
            @Override
            public void notification(ObjectNode notification) {
                // The guest sends one notification per container: its exit ("UnexpectedExit", "GracefulExit"...).
                exitType = notification.path("Type").asText();
                exit.complete(null);
            }

            @Override
            public void bridgeClosed(BridgeClosedException cause) {
                exit.completeExceptionally(cause);
            }
        };
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String os() {
        return "linux";
    }

    @Override
    public boolean isOci() {
        return true;
    }

    @Override
    public void start() throws IOException {
        connection.call(RPCProc.RPC_START, GcsBridge.request(id));
    }

    /**
     * Runs a process: a {@link io.hcs4j.schema.guest.GuestProcessParameters} with an OCI process is an exec,
     * without one (or plain {@link ProcessParameters}) it is the container's init process.
     */
    @Override
    public GuestProcess createProcess(ProcessParameters parameters) throws IOException {
        return GuestProcess.start(connection, id, parameters);
    }

    /** Asks the container to stop (SIGTERM to its init process); does not wait. */
    @Override
    public void shutdown() throws IOException {
        connection.call(RPCProc.RPC_SHUTDOWN_GRACEFUL, GcsBridge.request(id));
    }

    /** Kills the container (SIGKILL); does not wait. */
    @Override
    public void terminate() throws IOException {
        connection.call(RPCProc.RPC_SHUTDOWN_FORCED, GcsBridge.request(id));
    }

    @Override
    public void pause() {
        throw new UnsupportedOperationException("a Linux guest container cannot be paused: the GCS bridge has no pause");
    }

    @Override
    public void resume() {
        throw new UnsupportedOperationException("a Linux guest container cannot be resumed: the GCS bridge has no resume");
    }

    @Override
    public CompletableFuture<Void> exit() {
        return exit;
    }

    /** The guest's notification type of the exit ("UnexpectedExit", "GracefulExit"), null before. */
    public String exitType() {
        return exitType;
    }

    @Override
    public ContainerProperties properties(io.hcs4j.schema.v1.PropertyType... types) throws IOException {
        String[] names = new String[types.length];
        for (int i = 0; i < types.length; i++) {
            names[i] = types[i].value();
        }
        return read(query(names), ContainerProperties.class);
    }

    @Override
    public Properties propertiesV2(PropertyType... types) throws IOException {
        String[] names = new String[types.length];
        for (int i = 0; i < types.length; i++) {
            names[i] = types[i].value();
        }
        return read(query(names), Properties.class);
    }

    private String query(String... types) throws IOException {
        ObjectNode query = BridgeJson.object();
        ArrayNode list = query.putArray("PropertyTypes");
        for (String t : types) {
            list.add(t);
        }
        ObjectNode request = GcsBridge.request(id);
        request.put("Query", BridgeJson.nested(query));
        return connection.call(RPCProc.RPC_GET_PROPERTIES, request).path("Properties").asText("{}");
    }

    private <T> T read(String properties, Class<T> type) throws IOException {
        try {
            return Json.read(properties.isEmpty() ? "{}" : properties, type);
        } catch (SchemaException e) {
            throw new IOException("container " + id + ": unreadable Properties from the guest: " + e.getMessage(), e);
        }
    }

    /**
     * A {@link ModificationRequest} goes to ModifySettings on the container; anything else (OCI
     * {@code LinuxResources}) is an UpdateContainer of its resources.
     */
    @Override
    public void modify(Object request) throws IOException {
        ObjectNode body = GcsBridge.request(id);
        if (request instanceof ModificationRequest) {
            body.set("Request", Json.mapper().valueToTree(request));
            connection.call(RPCProc.RPC_MODIFY_SETTINGS, body);
        } else {
            body.set("Resources", Json.mapper().valueToTree(request));
            connection.call(RPCProc.RPC_UPDATE_CONTAINER, body);
        }
    }

    /** Removes the guest's state of an exited container. */
    public void deleteState() throws IOException {
        connection.call(RPCProc.RPC_DELETE_CONTAINER_STATE, GcsBridge.request(id));
    }

    /** Stops routing notifications to this object; the guest's container is not touched. */
    @Override
    public void close() {
        connection.bridge().unregister(id);
        exit.completeExceptionally(new IOException("container " + id + " was closed by the host"));
    }
}
