package io.hcs4j.uvm.guest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.platform.Connection;
import io.hcs4j.schema.guest.ContainerCreate;
import io.hcs4j.schema.guest.ContainerModifySettings;
import io.hcs4j.schema.guest.DumpStacksRequest;
import io.hcs4j.schema.guest.DumpStacksResponse;
import io.hcs4j.schema.guest.GcsCapabilities;
import io.hcs4j.schema.guest.ModificationRequest;
import io.hcs4j.schema.guest.NegotiateProtocolRequest;
import io.hcs4j.schema.guest.NegotiateProtocolResponse;
import io.hcs4j.schema.guest.RPCProc;
import io.hcs4j.schema.guest.RequestBase;
import io.hcs4j.schema.guest.ResponseBase;
import io.hcs4j.schema.v2.ProcessParameters;
import io.hcs4j.uvm.bridge.BridgeClosedException;
import io.hcs4j.uvm.bridge.GcsBridge;
import io.hcs4j.uvm.transport.HvSocketListener;
import io.hcs4j.uvm.transport.HvSocketTransport;
import io.hcs4j.uvm.transport.VsockPorts;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
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
    private GcsCapabilities capabilities;

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
        NegotiateProtocolRequest request = vmRequest(new NegotiateProtocolRequest());
        request.minimumVersion = PROTOCOL_VERSION;
        request.maximumVersion = PROTOCOL_VERSION;
        NegotiateProtocolResponse response = call(RPCProc.RPC_NEGOTIATE_PROTOCOL, request,
                NegotiateProtocolResponse.class);
        if (response.version != PROTOCOL_VERSION) {
            throw new IOException("the guest negotiated GCS protocol version " + response.version + ", expected "
                    + PROTOCOL_VERSION);
        }
        capabilities = response.capabilities == null ? new GcsCapabilities() : response.capabilities;
        if (Boolean.TRUE.equals(capabilities.sendHostCreateMessage)) {
            ContainerCreate create = vmRequest(new ContainerCreate());
            // hcsshim's UvmConfig also carries the host's time zone; the guests served here do not need it.
            create.containerConfig = Map.of("SystemType", "Container");
            call(RPCProc.RPC_CREATE, create, ResponseBase.class);
            if (Boolean.TRUE.equals(capabilities.sendHostStartMessage)) {
                call(RPCProc.RPC_START, vmRequest(new RequestBase()), ResponseBase.class);
            }
        }
    }

    private static <T extends RequestBase> T vmRequest(T request) {
        return GcsBridge.request(request, GcsBridge.VM_CONTAINER_ID);
    }

    /** The guest's capabilities from the negotiation. */
    public GcsCapabilities capabilities() {
        return capabilities;
    }

    /** "linux" or "windows" (a guest that does not say is Windows, as in hcsshim). */
    public String os() {
        String os = capabilities.runtimeOsType;
        return os == null || os.isEmpty() ? "windows" : os.toLowerCase(java.util.Locale.ROOT);
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
    public <R extends ResponseBase> R call(int proc, RequestBase request, Class<R> responseType) throws IOException {
        return await(bridge.call(proc, request, responseType, rpcTimeout));
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

    /** ModifySettings on the VM. */
    public void modify(ModificationRequest request) throws IOException {
        ContainerModifySettings body = vmRequest(new ContainerModifySettings());
        body.request = request;
        call(RPCProc.RPC_MODIFY_SETTINGS, body, ResponseBase.class);
    }

    /** The guest agent's stacks (for diagnostics). */
    public String dumpStacks() throws IOException {
        String stacks = call(RPCProc.RPC_DUMP_STACKS, vmRequest(new DumpStacksRequest()), DumpStacksResponse.class)
                .guestStacks;
        return stacks == null ? "" : stacks;
    }

    /**
     * Creates a container in the guest. {@code ociSpec} is the OCI runtime spec; its root path must already be
     * prepared (combined layers).
     */
    public GuestContainer createContainer(String id, ObjectNode ociSpec, String bundlePath, String scratchDirPath)
            throws IOException {
        return GuestContainer.create(this, id, ociSpec, bundlePath, scratchDirPath);
    }

    /** Creates a Windows container in the guest from its schema2 HostedSystem document. */
    public GuestContainer createHostedContainer(String id, io.hcs4j.schema.v2.HostedSystem document)
            throws IOException {
        return GuestContainer.create(this, id, document);
    }

    /** A process in the VM itself, outside any container (HCS process parameters, no OCI spec). */
    public GuestProcess createVmProcess(ProcessParameters parameters) throws IOException {
        return GuestProcess.start(this, GcsBridge.VM_CONTAINER_ID, parameters);
    }

    /** Asks the guest to shut the VM down; the guest answers by dropping the connection. */
    public void shutdownVm() throws IOException {
        try {
            bridge.send(RPCProc.RPC_SHUTDOWN_GRACEFUL, vmRequest(new RequestBase()));
        } catch (BridgeClosedException alreadyGone) {
            // Nothing left to shut down.
        }
    }

    @Override
    public void close() {
        bridge.close();
    }
}
