package io.hcs4j.emulator.guest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hcs4j.platform.Connection;
import io.hcs4j.uvm.bridge.codec.BridgeJson;
import io.hcs4j.uvm.bridge.codec.BridgeProtocolException;
import io.hcs4j.uvm.bridge.codec.Frame;
import io.hcs4j.uvm.bridge.codec.FrameCodec;
import io.hcs4j.uvm.bridge.codec.MessageKind;
import io.hcs4j.uvm.bridge.codec.Rpc;
import io.hcs4j.uvm.transport.UnixSocketTransport;
import io.hcs4j.uvm.transport.VsockPorts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The emulated guest's side of the GCS bridge, serving requests the way the reference Linux GCS does (see
 * shared/vectors/gcs): negotiation, layers, containers, processes with stdio dialled back to the host,
 * signals, properties, stacks, notifications. Each request runs on its own thread, so a WaitForProcess
 * never holds up other requests.
 */
final class GuestAgent {
    private static final Logger LOG = LoggerFactory.getLogger(GuestAgent.class);
    private static final String ZERO_ACTIVITY = "00000000-0000-0000-0000-000000000000";
    private static final long INFINITE = 0xFFFFFFFFL;

    private final Connection bridge;
    private final Path vmDir;
    private final GuestRuntime runtime;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "guest-request");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean shuttingDown;

    /** @param cgroups where containers get their cgroups, null without */
    GuestAgent(Connection bridge, Path vmDir, boolean root, Cgroups cgroups) {
        this.bridge = bridge;
        this.vmDir = vmDir;
        this.runtime = new GuestRuntime(root, cgroups, vmDir, this::notifyExit);
    }

    /** Serves until the host closes the bridge or shuts the VM down; then everything the guest ran is ended. */
    void serve() {
        try {
            Frame frame;
            while ((frame = FrameCodec.read(bridge.input())) != null) {
                Frame request = frame;
                workers.execute(() -> handle(request));
            }
            LOG.info("the host closed the bridge");
        } catch (BridgeProtocolException e) {
            LOG.warn("bridge protocol error from the host: {}", e.getMessage());
        } catch (IOException e) {
            if (!shuttingDown) {
                LOG.warn("bridge lost: {}", e.getMessage());
            }
        } finally {
            runtime.shutdownAll();
            workers.shutdownNow();
            bridge.close();
        }
    }

    private void handle(Frame frame) {
        Rpc rpc = Rpc.ofType(frame.type());
        ObjectNode request = null;
        try {
            if (MessageKind.of(frame.type()) != MessageKind.REQUEST || rpc == null) {
                throw GuestError.of(GuestError.E_UNKNOWN_MESSAGE);
            }
            request = BridgeJson.decode(frame.body());
            if (rpc == Rpc.SHUTDOWN_GRACEFUL && GuestRuntime.VM_ID.equals(request.path("ContainerId").asText())) {
                // The reference answers nothing: the VM goes down and the connection drops.
                shuttingDown = true;
                runtime.shutdownAll();
                bridge.close();
                return;
            }
            ObjectNode response = dispatch(rpc, request);
            respond(frame, request, response.put("Result", 0));
        } catch (GuestError e) {
            ObjectNode response = BridgeJson.object().put("Result", e.hresult).put("ErrorMessage", e.getMessage());
            response.putArray("ErrorRecords").addObject().put("Result", e.hresult).put("Message", e.getMessage())
                    .put("ModuleName", "gcs").put("FileName", "").put("Line", INFINITE);
            respond(frame, request, response);
        } catch (IOException e) {
            LOG.warn("{} failed: {}", MessageKind.describe(frame.type()), e.getMessage());
            respond(frame, request, BridgeJson.object().put("Result", GuestError.E_FAIL).put("ErrorMessage", e.getMessage()));
        }
    }

    private ObjectNode dispatch(Rpc rpc, ObjectNode request) throws GuestError, IOException {
        String containerId = request.path("ContainerId").asText();
        ObjectNode response = BridgeJson.object();
        switch (rpc) {
            case NEGOTIATE_PROTOCOL -> negotiate(request, response);
            case MODIFY_SETTINGS -> modify(request.path("Request"));
            case CREATE -> {
                runtime.create(containerId, unnest(request.get("ContainerConfig")));
                response.put("SelectedProtocolVersion", 0);
            }
            // The reference answers Start with success even for a container it does not know.
            case START -> { }
            case EXECUTE_PROCESS -> response.put("ProcessId", execute(containerId, request.path("Settings")));
            case WAIT_FOR_PROCESS -> response.put("ExitCode", waitFor(containerId, request));
            case SIGNAL_PROCESS -> {
                JsonNode options = request.path("Options");
                int signal = options.isObject() && options.has("Signal") ? options.get("Signal").asInt() : 9;
                runtime.signal(containerId, request.path("ProcessId").asInt(), signal);
            }
            case SHUTDOWN_GRACEFUL -> runtime.shutdown(containerId, true);
            case SHUTDOWN_FORCED -> runtime.shutdown(containerId, false);
            case GET_PROPERTIES -> response.put("Properties",
                    BridgeJson.nested(runtime.properties(containerId, unnest(request.get("Query")))));
            case DUMP_STACKS -> response.put("GuestStacks", stacks());
            case DELETE_CONTAINER_STATE -> runtime.deleteState(containerId);
            case RESIZE_CONSOLE -> runtime.resize(containerId, request.path("ProcessId").asInt(),
                    request.path("Width").asInt(), request.path("Height").asInt());
            case UPDATE_CONTAINER -> {
                JsonNode resources = request.get("Resources");
                runtime.update(containerId, resources != null && resources.isTextual() ? unnest(resources) : resources);
            }
            default -> throw GuestError.of(GuestError.E_UNKNOWN_MESSAGE);
        }
        return response;
    }

    private static ObjectNode unnest(JsonNode nested) throws GuestError {
        try {
            return BridgeJson.unnest(nested);
        } catch (BridgeProtocolException e) {
            throw new GuestError(GuestError.E_INVALID_JSON, e.getMessage());
        }
    }

    private void negotiate(ObjectNode request, ObjectNode response) throws GuestError {
        if (request.path("MinimumVersion").asInt() > 4 || request.path("MaximumVersion").asInt() < 4) {
            throw new GuestError(GuestError.E_FAIL, "the guest supports protocol version 4 only");
        }
        response.put("Version", 4);
        ObjectNode caps = response.putObject("Capabilities");
        caps.putArray("SupportedSchemaVersions").addObject().put("Major", 2).put("Minor", 1);
        caps.put("RuntimeOsType", "Linux");
        caps.putObject("GuestDefinedCapabilities").put("NamespaceAddRequestSupported", true)
                .put("SignalProcessSupported", true).put("DumpStacksSupported", true)
                .put("DeleteContainerStateSupported", true);
    }

    private void modify(JsonNode request) throws GuestError {
        String type = request.path("ResourceType").asText();
        String op = request.path("RequestType").asText("Add");
        JsonNode settings = request.path("Settings");
        switch (type) {
            case "CombinedLayers" -> {
                if (op.equals("Add")) {
                    runtime.addLayers(settings);
                } else if (op.equals("Remove")) {
                    runtime.removeLayers(settings);
                } else {
                    throw new GuestError(GuestError.E_NOTIMPL, "CombinedLayers " + op);
                }
            }
            case "MappedVirtualDisk", "MappedDirectory", "VPMemDevice" -> {
                if (op.equals("Add")) {
                    runtime.mounts().add(type, settings);
                } else if (op.equals("Remove")) {
                    runtime.mounts().remove(type, settings);
                } else {
                    throw new GuestError(GuestError.E_NOTIMPL, type + " " + op);
                }
            }
            // Network devices: the emulated VM has no such hardware, so the guest acknowledges them and keeps
            // no state.
            case "Network", "NetworkNamespace", "MappedVPCIDevice" -> { }
            default -> throw new GuestError(GuestError.E_NOTIMPL, "resource type " + type + " is not emulated");
        }
    }

    /** Dials stdin, stdout, stderr (in that order, the named ones only), then starts the process. */
    private int execute(String containerId, JsonNode settings) throws GuestError, IOException {
        ObjectNode params = unnest(settings.get("ProcessParameters"));
        JsonNode relay = settings.path("VsockStdioRelaySettings");
        List<Connection> dialled = new ArrayList<>();
        try {
            Connection in = dial(relay, "StdIn", params.path("CreateStdInPipe").asBoolean(), dialled);
            Connection out = dial(relay, "StdOut", params.path("CreateStdOutPipe").asBoolean(), dialled);
            Connection err = dial(relay, "StdErr", params.path("CreateStdErrPipe").asBoolean(), dialled);
            return runtime.execute(containerId, params, in, out, err);
        } catch (GuestError | IOException e) {
            for (Connection c : dialled) {
                c.close();
            }
            throw e;
        }
    }

    private Connection dial(JsonNode relay, String field, boolean wanted, List<Connection> dialled)
            throws IOException {
        long port = relay.path(field).asLong(0);
        if (!wanted || port == 0) {
            return null;
        }
        Connection c = UnixSocketTransport.dial(vmDir, VsockPorts.serviceId(port));
        dialled.add(c);
        return c;
    }

    private int waitFor(String containerId, ObjectNode request) throws GuestError {
        AgentProcess p = runtime.waitable(containerId, request.path("ProcessId").asInt());
        long timeout = request.path("TimeoutInMs").asLong(INFINITE);
        try {
            return timeout >= INFINITE ? p.released().get() : p.released().get(timeout, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw GuestError.of(GuestError.E_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GuestError.of(GuestError.E_FAIL);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new GuestError(GuestError.E_FAIL, "waiting for the process failed: " + e.getCause());
        }
    }

    /** The agent's thread stacks, cut to what fits in one bridge frame. */
    private static String stacks() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            out.append("thread ").append(e.getKey().getName()).append(" [").append(e.getKey().getState()).append("]:\n");
            for (StackTraceElement frame : e.getValue()) {
                out.append('\t').append(frame).append('\n');
            }
            out.append('\n');
        }
        int limit = FrameCodec.MAX_FRAME_SIZE / 2;
        return out.length() <= limit ? out.toString() : out.substring(0, limit) + "\n... (truncated)\n";
    }

    private void notifyExit(String containerId, String type) {
        ObjectNode body = BridgeJson.object().put("ContainerId", containerId).put("ActivityId", ZERO_ACTIVITY)
                .put("Type", type).put("Operation", "None").put("Result", 0);
        write(new Frame(MessageKind.CONTAINER_NOTIFICATION, 0, BridgeJson.encode(body, BridgeJson.Style.GUEST)));
    }

    private void respond(Frame request, ObjectNode requestBody, ObjectNode response) {
        ObjectNode body = BridgeJson.object();
        body.set("Result", response.remove("Result"));
        body.put("ActivityId", requestBody == null ? ZERO_ACTIVITY : requestBody.path("ActivityId").asText(ZERO_ACTIVITY));
        body.setAll(response);
        int type = MessageKind.RESPONSE | (request.type() & ~MessageKind.MASK);
        byte[] encoded = BridgeJson.encode(body, BridgeJson.Style.GUEST);
        if (FrameCodec.HEADER_SIZE + encoded.length > FrameCodec.MAX_FRAME_SIZE) {
            // An answer the host would reject as oversized: answer with an error instead.
            String message = "the response (" + encoded.length + " bytes) does not fit in a bridge frame";
            encoded = BridgeJson.encode(BridgeJson.object().put("Result", GuestError.E_FAIL).put("ActivityId",
                    body.path("ActivityId").asText()).put("ErrorMessage", message), BridgeJson.Style.GUEST);
        }
        write(new Frame(type, request.id(), encoded));
    }

    private void write(Frame frame) {
        try {
            byte[] bytes = FrameCodec.encode(frame);
            synchronized (bridge) {
                bridge.output().write(bytes);
            }
        } catch (IOException e) {
            if (!shuttingDown) {
                LOG.warn("cannot answer the host: {}", e.getMessage());
            }
        }
    }
}
