package io.hcs4j.emulator.guest;

import com.fasterxml.jackson.databind.node.NullNode;
import io.hcs4j.hcs.raw.HResults;
import io.hcs4j.platform.Connection;
import io.hcs4j.schema.GoZero;
import io.hcs4j.schema.Json;
import io.hcs4j.schema.SchemaException;
import io.hcs4j.schema.guest.BridgeMessages;
import io.hcs4j.schema.guest.ContainerNotification;
import io.hcs4j.schema.guest.ErrorRecord;
import io.hcs4j.schema.guest.ExecuteProcessSettings;
import io.hcs4j.schema.guest.ExecuteProcessVsockStdioRelaySettings;
import io.hcs4j.schema.guest.GcsCapabilities;
import io.hcs4j.schema.guest.MsgType;
import io.hcs4j.schema.guest.NegotiateProtocolRequest;
import io.hcs4j.schema.guest.NegotiateProtocolResponse;
import io.hcs4j.schema.guest.RPCProc;
import io.hcs4j.schema.guest.RequestBase;
import io.hcs4j.schema.guest.ResponseBase;
import io.hcs4j.schema.v2.Version;
import io.hcs4j.uvm.bridge.codec.BodyCodec;
import io.hcs4j.uvm.bridge.codec.BridgeProtocolException;
import io.hcs4j.uvm.bridge.codec.Frame;
import io.hcs4j.uvm.bridge.codec.FrameCodec;
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

/**
 * The guest's end of the GCS bridge, apart from what the requests mean: reads frames, decodes each request and runs
 * it on its own thread (a WaitForProcess never holds up other requests), answers with the handler's response or
 * its error (as the reference GCS words them), sends container notifications, and ends everything at the VM's
 * graceful shutdown or when the host goes away. The Linux and the Windows guest agents serve their requests
 * through it.
 */
final class GuestBridgeServer {
    private static final Logger LOG = LoggerFactory.getLogger(GuestBridgeServer.class);
    private static final long INFINITE = 0xFFFFFFFFL;

    /** What the requests mean to one kind of guest. */
    interface Handler {
        /** Serves a request; a {@link GuestError} is answered with its HRESULT, an IOException with E_FAIL. */
        ResponseBase dispatch(int proc, RequestBase request) throws GuestError, IOException;

        /** Ends everything the guest runs (the VM goes down). */
        void shutdownAll();
    }

    private final Connection bridge;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "guest-request");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean shuttingDown;

    GuestBridgeServer(Connection bridge) {
        this.bridge = bridge;
    }

    /** Serves until the host closes the bridge or shuts the VM down; then everything the guest ran is ended. */
    void serve(Handler handler) {
        try {
            Frame frame;
            while ((frame = FrameCodec.read(bridge.input())) != null) {
                Frame request = frame;
                workers.execute(() -> handle(handler, request));
            }
            LOG.info("the host closed the bridge");
        } catch (BridgeProtocolException e) {
            LOG.warn("bridge protocol error from the host: {}", e.getMessage());
        } catch (IOException e) {
            if (!shuttingDown) {
                LOG.warn("bridge lost: {}", e.getMessage());
            }
        } finally {
            handler.shutdownAll();
            workers.shutdownNow();
            bridge.close();
        }
    }

    /** The host ends the VM (not through the bridge): {@link #serve} returns once everything the guest ran has ended. */
    void end() {
        shuttingDown = true;
        bridge.close();
    }

    private void handle(Handler handler, Frame frame) {
        int proc = MsgType.proc(frame.type());
        Class<? extends RequestBase> requestType = BridgeMessages.requestType(proc);
        RequestBase request = null;
        try {
            if (MsgType.kind(frame.type()) != MsgType.MSG_TYPE_REQUEST || requestType == null) {
                throw GuestError.of(HResults.V1_UNKNOWN_MESSAGE);
            }
            request = decode(frame.body(), requestType);
            if (proc == RPCProc.RPC_SHUTDOWN_GRACEFUL && GuestRuntime.VM_ID.equals(request.containerId)) {
                // The reference answers nothing: the VM goes down and the connection drops.
                shuttingDown = true;
                handler.shutdownAll();
                bridge.close();
                return;
            }
            respond(frame, request, handler.dispatch(proc, request));
        } catch (GuestError e) {
            respond(frame, request, failure(e.hresult, e.getMessage(), true));
        } catch (IOException e) {
            LOG.warn("{} failed: {}", MsgType.describe(frame.type()), e.getMessage());
            respond(frame, request, failure(HResults.E_FAIL, e.getMessage(), false));
        }
    }

    /** A request the guest cannot read is invalid JSON to the reference GCS, nested documents included. */
    private static <T> T decode(byte[] body, Class<T> type) throws GuestError {
        try {
            return BodyCodec.decode(body, type);
        } catch (BridgeProtocolException e) {
            throw new GuestError(HResults.V1_INVALID_JSON, e.getMessage());
        }
    }

    /** A nested document (JSON in a string, or any settings object) as its schema type. */
    static <T> T convert(Object document, Class<T> type, String what) throws GuestError {
        if (document == null || document instanceof NullNode) {
            return null;
        }
        try {
            return Json.convert(document, type);
        } catch (SchemaException e) {
            throw new GuestError(HResults.V1_INVALID_JSON, what + ": " + e.getMessage());
        }
    }

    /** A process's stdio connections to the host's relay ports; null for a stream the process did not ask for. */
    record Stdio(Connection in, Connection out, Connection err) {
        /** Dials stdin, stdout and stderr, in that order, as {@code settings} relay them; a failure closes the dialled. */
        static Stdio dial(Path vmDir, ExecuteProcessSettings settings, boolean in, boolean out, boolean err)
                throws IOException {
            ExecuteProcessVsockStdioRelaySettings relay = settings == null || settings.vsockStdioRelaySettings == null
                    ? new ExecuteProcessVsockStdioRelaySettings() : settings.vsockStdioRelaySettings;
            List<Connection> dialled = new ArrayList<>();
            try {
                return new Stdio(dial(vmDir, relay.stdIn, in, dialled), dial(vmDir, relay.stdOut, out, dialled),
                        dial(vmDir, relay.stdErr, err, dialled));
            } catch (IOException | RuntimeException e) {
                dialled.forEach(Connection::close);
                throw e;
            }
        }

        private static Connection dial(Path vmDir, long port, boolean wanted, List<Connection> dialled)
                throws IOException {
            if (!wanted || port == 0) {
                return null;
            }
            Connection c = UnixSocketTransport.dial(vmDir, VsockPorts.serviceId(port));
            dialled.add(c);
            return c;
        }

        void close() {
            for (Connection c : new Connection[] {in, out, err}) {
                if (c != null) {
                    c.close();
                }
            }
        }
    }

    /**
     * Both guests speak bridge protocol version 4 and schema 2.1; {@code capabilities} are the rest of what the guest
     * tells the host.
     */
    static NegotiateProtocolResponse negotiate(NegotiateProtocolRequest request, GcsCapabilities capabilities)
            throws GuestError {
        if (request.minimumVersion > 4 || request.maximumVersion < 4) {
            throw new GuestError(HResults.E_FAIL, "the guest supports protocol version 4 only");
        }
        Version schema = new Version();
        schema.major = 2;
        schema.minor = 1;
        capabilities.supportedSchemaVersions = List.of(schema);
        NegotiateProtocolResponse response = new NegotiateProtocolResponse();
        response.version = 4;
        response.capabilities = capabilities;
        return response;
    }

    /** The agent's thread stacks, cut to what fits in one bridge frame. */
    static String stacks() {
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

    void notifyExit(String containerId, String type) {
        ContainerNotification notification = new ContainerNotification();
        notification.containerId = containerId;
        notification.type = type;
        notification.operation = "None";
        write(new Frame(MsgType.NOTIFY_CONTAINER, 0, BodyCodec.encode(notification, BodyCodec.Writer.GUEST)));
    }

    /** A failed request's answer; the reference adds an error record for the errors it raises itself. */
    private static ResponseBase failure(int hresult, String message, boolean record) {
        ResponseBase response = new ResponseBase();
        response.result = hresult;
        response.errorMessage = message;
        if (record) {
            ErrorRecord error = new ErrorRecord();
            error.result = hresult;
            error.message = message;
            error.moduleName = "gcs";
            error.fileName = "";
            error.line = INFINITE;
            response.errorRecords = List.of(error);
        }
        return response;
    }

    private void respond(Frame request, RequestBase requestBody, ResponseBase response) {
        response.activityId = requestBody == null ? GoZero.GUID : requestBody.activityId;
        int type = MsgType.response(MsgType.proc(request.type()));
        byte[] encoded = BodyCodec.encode(response, BodyCodec.Writer.GUEST);
        if (FrameCodec.HEADER_SIZE + encoded.length > FrameCodec.MAX_FRAME_SIZE) {
            // An answer the host would reject as oversized: answer with an error instead.
            ResponseBase tooBig = failure(HResults.E_FAIL, "the response (" + encoded.length
                    + " bytes) does not fit in a bridge frame", false);
            tooBig.activityId = response.activityId;
            encoded = BodyCodec.encode(tooBig, BodyCodec.Writer.GUEST);
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
