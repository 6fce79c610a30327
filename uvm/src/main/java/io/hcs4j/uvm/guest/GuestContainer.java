package io.hcs4j.uvm.guest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.cow.Container;
import io.hcs4j.schema.Json;
import io.hcs4j.schema.SchemaException;
import io.hcs4j.schema.guest.ContainerCreate;
import io.hcs4j.schema.guest.ContainerGetProperties;
import io.hcs4j.schema.guest.ContainerGetPropertiesResponse;
import io.hcs4j.schema.guest.ContainerGetPropertiesResponseV2;
import io.hcs4j.schema.guest.ContainerGetPropertiesV2;
import io.hcs4j.schema.guest.ContainerModifySettings;
import io.hcs4j.schema.guest.ContainerNotification;
import io.hcs4j.schema.guest.ContainerPropertiesQuery;
import io.hcs4j.schema.guest.ContainerPropertiesQueryV2;
import io.hcs4j.schema.guest.DeleteContainerStateRequest;
import io.hcs4j.schema.guest.LCOWContainerConstraints;
import io.hcs4j.schema.guest.LinuxHostedSystem;
import io.hcs4j.schema.guest.ModificationRequest;
import io.hcs4j.schema.guest.RPCProc;
import io.hcs4j.schema.guest.RequestType;
import io.hcs4j.schema.guest.ResourceType;
import io.hcs4j.schema.guest.RequestBase;
import io.hcs4j.schema.guest.ResponseBase;
import io.hcs4j.schema.oci.LinuxResources;
import io.hcs4j.schema.oci.Spec;
import io.hcs4j.schema.v1.ContainerProperties;
import io.hcs4j.schema.v2.ProcessParameters;
import io.hcs4j.schema.v2.Properties;
import io.hcs4j.schema.v2.PropertyType;
import io.hcs4j.schema.v2.Version;
import io.hcs4j.uvm.bridge.BridgeClosedException;
import io.hcs4j.uvm.bridge.ContainerListener;
import io.hcs4j.uvm.bridge.GcsBridge;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A container in a utility VM, run by the guest agent: a Linux container (OCI spec, OCI processes) or, in a
 * Windows utility VM, a Windows container (HostedSystem document, HCS process parameters). Its exit is learned from the guest's container
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
        LinuxHostedSystem config = new LinuxHostedSystem();
        config.schemaVersion = new Version();
        config.schemaVersion.major = 2;
        config.schemaVersion.minor = 1;
        config.ociBundlePath = bundlePath;
        config.scratchDirPath = scratchDirPath;
        try {
            config.ociSpecification = Json.convert(ociSpec, Spec.class);
        } catch (SchemaException e) {
            throw new IOException("container " + id + ": the OCI spec is not valid: " + e.getMessage(), e);
        }
        return create(connection, id, (Object) config);
    }

    /** A Windows guest's container: its config is the schema2 HostedSystem document. */
    static GuestContainer create(GuestConnection connection, String id, io.hcs4j.schema.v2.HostedSystem document)
            throws IOException {
        return create(connection, id, (Object) document);
    }

    private static GuestContainer create(GuestConnection connection, String id, Object config) throws IOException {
        GuestContainer container = new GuestContainer(connection, id);
        // Listen before Create: a container can exit before its Create response is read.
        connection.bridge().register(id, container.listener());
        ContainerCreate request = GcsBridge.request(new ContainerCreate(), id);
        request.containerConfig = config;
        try {
            connection.call(RPCProc.RPC_CREATE, request, ResponseBase.class);
        } catch (IOException e) {
            connection.bridge().unregister(id);
            throw e;
        }
        return container;
    }

    private ContainerListener listener() {
        return new ContainerListener() {
            @Override
            public void notification(ContainerNotification notification) {
                // The guest sends one notification per container: its exit ("UnexpectedExit", "GracefulExit"...).
                exitType = notification.type;
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

    /** The guest's OS: "linux", or "windows" for a Windows utility VM's container. */
    @Override
    public String os() {
        return connection.os();
    }

    /** A Linux guest runs OCI processes; a Windows guest takes HCS process parameters, as HCS does. */
    @Override
    public boolean isOci() {
        return !connection.os().equals("windows");
    }

    @Override
    public void start() throws IOException {
        call(RPCProc.RPC_START, new RequestBase());
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
        call(RPCProc.RPC_SHUTDOWN_GRACEFUL, new RequestBase());
    }

    /** Kills the container (SIGKILL); does not wait. */
    @Override
    public void terminate() throws IOException {
        call(RPCProc.RPC_SHUTDOWN_FORCED, new RequestBase());
    }

    @Override
    public void pause() {
        throw new UnsupportedOperationException("a guest container cannot be paused: the GCS bridge has no pause");
    }

    @Override
    public void resume() {
        throw new UnsupportedOperationException("a guest container cannot be resumed: the GCS bridge has no resume");
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
        ContainerGetProperties request = new ContainerGetProperties();
        request.query = new ContainerPropertiesQuery();
        request.query.propertyTypes = List.of(types);
        ContainerProperties properties = call(RPCProc.RPC_GET_PROPERTIES, request,
                ContainerGetPropertiesResponse.class).properties;
        return properties == null ? new ContainerProperties() : properties;
    }

    /** The guest answers a V2 query with the V2 properties, field for field the HCS {@link Properties}. */
    @Override
    public Properties propertiesV2(PropertyType... types) throws IOException {
        ContainerGetPropertiesV2 request = new ContainerGetPropertiesV2();
        request.query = new ContainerPropertiesQueryV2();
        request.query.propertyTypes = List.of(types);
        Object properties = call(RPCProc.RPC_GET_PROPERTIES, request, ContainerGetPropertiesResponseV2.class).properties;
        return properties == null ? new Properties() : Json.convert(properties, Properties.class);
    }

    /**
     * A {@link ModificationRequest} goes to ModifySettings on the container as it is; anything else is OCI
     * {@code LinuxResources}, sent as hcsshim's updateTask does: ModifySettings ContainerConstraints Update
     * (the Linux GCS has no UpdateContainer).
     */
    @Override
    public void modify(Object request) throws IOException {
        ModificationRequest modification;
        if (request instanceof ModificationRequest m) {
            modification = m;
        } else {
            LCOWContainerConstraints constraints = new LCOWContainerConstraints();
            try {
                constraints.linux = Json.convert(request, LinuxResources.class);
            } catch (SchemaException e) {
                throw new IllegalArgumentException("not OCI LinuxResources: " + e.getMessage(), e);
            }
            modification = new ModificationRequest();
            modification.resourceType = ResourceType.CONTAINER_CONSTRAINTS;
            modification.requestType = RequestType.UPDATE;
            modification.settings = constraints;
        }
        ContainerModifySettings body = new ContainerModifySettings();
        body.request = modification;
        call(RPCProc.RPC_MODIFY_SETTINGS, body);
    }

    /** Removes the guest's state of an exited container. */
    public void deleteState() throws IOException {
        call(RPCProc.RPC_DELETE_CONTAINER_STATE, new DeleteContainerStateRequest());
    }

    private void call(int proc, RequestBase request) throws IOException {
        call(proc, request, ResponseBase.class);
    }

    private <R extends ResponseBase> R call(int proc, RequestBase request, Class<R> responseType) throws IOException {
        return connection.call(proc, GcsBridge.request(request, id), responseType);
    }

    /** Stops routing notifications to this object; the guest's container is not touched. */
    @Override
    public void close() {
        connection.bridge().unregister(id);
        exit.completeExceptionally(new IOException("container " + id + " was closed by the host"));
    }
}
