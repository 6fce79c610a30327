package io.hcs4j.uvm.guest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.platform.Connection;
import io.hcs4j.schema.v2.ProcessParameters;
import io.hcs4j.uvm.bridge.BridgeClosedException;
import io.hcs4j.uvm.bridge.GcsBridge;
import io.hcs4j.uvm.bridge.codec.BridgeJson;
import io.hcs4j.uvm.bridge.codec.Rpc;
import io.hcs4j.uvm.transport.HvSocketListener;
import io.hcs4j.uvm.transport.HvSocketTransport;
import io.hcs4j.uvm.transport.VsockPorts;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A negotiated connection to a utility VM's guest agent: the meaning of the bridge RPCs (VM-level settings,
 * containers, processes) on top of {@link GcsBridge}, and the hvsocket ports for process stdio.
 */
public final class GuestConnection implements Closeable {
    public static final int PROTOCOL_VERSION = 4;
    /** hcsshim's deadline for a synchronous RPC; a guest that misses it is considered dead. */
    public static final Duration DEFAULT_RPC_TIMEOUT = Duration.ofMinutes(5);

    private final GcsBridge bridge;
    private final HvSocketTransport transport;
    private final Duration rpcTimeout;
    private final AtomicLong nextPort = new AtomicLong(VsockPorts.FIRST_STDIO_PORT);
    private ObjectNode capabilities;

    private GuestConnection(GcsBridge bridge, HvSocketTransport transport, Duration rpcTimeout) {
        this.bridge = bridge;
        this.transport = transport;
        this.rpcTimeout = rpcTimeout;
    }

    /**
     * Waits for the guest to dial the GCS service, then negotiates the protocol and, when the guest asks for
     * it, creates and starts the VM's own compute system.
     */
    public static GuestConnection accept(String vmId, HvSocketListener gcsListener, HvSocketTransport transport,
                                         Duration connectTimeout, Duration rpcTimeout) throws IOException {
        Connection socket;
        try {
            socket = gcsListener.accept(connectTimeout);
        } catch (java.net.SocketTimeoutException e) {
            throw new java.net.SocketTimeoutException("the guest of " + vmId + " did not connect to the GCS bridge within "
                    + connectTimeout.toMillis() + " ms");
        }
        GuestConnection connection = new GuestConnection(new GcsBridge(vmId, socket), transport, rpcTimeout);
        try {
            connection.negotiate();
            return connection;
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private void negotiate() throws IOException {
        ObjectNode request = GcsBridge.request(GcsBridge.VM_CONTAINER_ID);
        request.put("MinimumVersion", PROTOCOL_VERSION).put("MaximumVersion", PROTOCOL_VERSION);
        ObjectNode response = call(Rpc.NEGOTIATE_PROTOCOL, request);
        int version = response.path("Version").asInt();
        if (version != PROTOCOL_VERSION) {
            throw new IOException("the guest negotiated GCS protocol version " + version + ", expected " + PROTOCOL_VERSION);
        }
        capabilities = response.path("Capabilities").isObject()
                ? (ObjectNode) response.get("Capabilities") : BridgeJson.object();
        if (capabilities.path("SendHostCreateMessage").asBoolean()) {
            ObjectNode create = GcsBridge.request(GcsBridge.VM_CONTAINER_ID);
            create.put("ContainerConfig", BridgeJson.nested(BridgeJson.object().put("SystemType", "Container")));
            call(Rpc.CREATE, create);
            if (capabilities.path("SendHostStartMessage").asBoolean()) {
                call(Rpc.START, GcsBridge.request(GcsBridge.VM_CONTAINER_ID));
            }
        }
    }

    /** The guest's capabilities from the negotiation. */
    public ObjectNode capabilities() {
        return capabilities.deepCopy();
    }

    /** "linux" or "windows" (a guest that does not say is Windows, as in hcsshim). */
    public String os() {
        String os = capabilities.path("RuntimeOsType").asText("");
        return os.isEmpty() ? "windows" : os.toLowerCase(java.util.Locale.ROOT);
    }

    public GcsBridge bridge() {
        return bridge;
    }

    Duration rpcTimeout() {
        return rpcTimeout;
    }

    HvSocketTransport transport() {
        return transport;
    }

    long allocatePort() {
        return nextPort.getAndIncrement();
    }

    /** A synchronous RPC within the connection's RPC timeout. */
    public ObjectNode call(Rpc rpc, ObjectNode request) throws IOException {
        return await(bridge.call(rpc, request, rpcTimeout));
    }

    /** Waits for an RPC's future, unwrapping the guest's error or the bridge's death. */
    static <T> T await(CompletableFuture<T> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted waiting for the guest");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause);
        }
    }

    /** ModifySettings on the VM: {@code {RequestType, ResourceType, Settings}}. */
    public void modify(ObjectNode request) throws IOException {
        ObjectNode body = GcsBridge.request(GcsBridge.VM_CONTAINER_ID);
        body.set("Request", request);
        call(Rpc.MODIFY_SETTINGS, body);
    }

    /** The guest agent's stacks (for diagnostics). */
    public String dumpStacks() throws IOException {
        return call(Rpc.DUMP_STACKS, GcsBridge.request(GcsBridge.VM_CONTAINER_ID)).path("GuestStacks").asText();
    }

    /**
     * Creates a container in the guest. {@code ociSpec} is the OCI runtime spec; its root path must already be
     * prepared (combined layers).
     */
    public GuestContainer createContainer(String id, ObjectNode ociSpec, String bundlePath, String scratchDirPath)
            throws IOException {
        return GuestContainer.create(this, id, ociSpec, bundlePath, scratchDirPath);
    }

    /** A process in the VM itself, outside any container (HCS process parameters, no OCI spec). */
    public GuestProcess createVmProcess(ProcessParameters parameters) throws IOException {
        return GuestProcess.start(this, GcsBridge.VM_CONTAINER_ID, parameters);
    }

    /** Asks the guest to shut the VM down; the guest answers by dropping the connection. */
    public void shutdownVm() throws IOException {
        try {
            bridge.send(Rpc.SHUTDOWN_GRACEFUL, GcsBridge.request(GcsBridge.VM_CONTAINER_ID));
        } catch (BridgeClosedException alreadyGone) {
            // Nothing left to shut down.
        }
    }

    @Override
    public void close() {
        bridge.close();
    }
}
