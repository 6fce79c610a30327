package io.hcs4j.schema.guest;

/**
 * Which body type goes with which GCS bridge message type: requests by procedure, responses likewise,
 * notifications. A message type is {@code kind | category | procedure << 8 | version 1} (see {@link RPCProc}
 * and {@link MsgType}).
 */
public final class BridgeMessages {
    private BridgeMessages() {
    }

    /** The body type of a message, by its full 32-bit type; {@code null} when the type is unknown. */
    public static Class<?> bodyType(int messageType) {
        int kind = MsgType.kind(messageType);
        int proc = MsgType.proc(messageType);
        if (kind == MsgType.MSG_TYPE_REQUEST) {
            return requestType(proc);
        }
        if (kind == MsgType.MSG_TYPE_RESPONSE) {
            return responseType(proc);
        }
        if (kind == MsgType.MSG_TYPE_NOTIFY && proc == RPCProc.RPC_CREATE) {
            return ContainerNotification.class;
        }
        return null;
    }

    /** The request body type of a procedure ({@link RPCProc}); {@code null} when unknown. */
    public static Class<? extends RequestBase> requestType(int proc) {
        switch (proc) {
            case RPCProc.RPC_CREATE: return ContainerCreate.class;
            case RPCProc.RPC_START:
            case RPCProc.RPC_SHUTDOWN_GRACEFUL:
            case RPCProc.RPC_SHUTDOWN_FORCED:
            case RPCProc.RPC_LIFECYCLE_NOTIFICATION:
                return RequestBase.class;
            case RPCProc.RPC_EXECUTE_PROCESS: return ContainerExecuteProcess.class;
            case RPCProc.RPC_WAIT_FOR_PROCESS: return ContainerWaitForProcess.class;
            case RPCProc.RPC_SIGNAL_PROCESS: return ContainerSignalProcess.class;
            case RPCProc.RPC_RESIZE_CONSOLE: return ContainerResizeConsole.class;
            case RPCProc.RPC_GET_PROPERTIES: return ContainerGetProperties.class;
            case RPCProc.RPC_MODIFY_SETTINGS: return ContainerModifySettings.class;
            case RPCProc.RPC_NEGOTIATE_PROTOCOL: return NegotiateProtocolRequest.class;
            case RPCProc.RPC_DUMP_STACKS: return DumpStacksRequest.class;
            case RPCProc.RPC_DELETE_CONTAINER_STATE: return DeleteContainerStateRequest.class;
            case RPCProc.RPC_UPDATE_CONTAINER: return ContainerUpdate.class;
            case RPCProc.RPC_MODIFY_SERVICE_SETTINGS: return ServiceModificationRequest.class;
            default: return null;
        }
    }

    /**
     * The response body type of a procedure ({@link RPCProc}); {@code null} when unknown. GetProperties answers
     * with the V2 properties: the guest writes one properties type for V1 and V2 queries.
     */
    public static Class<? extends ResponseBase> responseType(int proc) {
        switch (proc) {
            case RPCProc.RPC_CREATE: return ContainerCreateResponse.class;
            case RPCProc.RPC_EXECUTE_PROCESS: return ContainerExecuteProcessResponse.class;
            case RPCProc.RPC_WAIT_FOR_PROCESS: return ContainerWaitForProcessResponse.class;
            case RPCProc.RPC_GET_PROPERTIES: return ContainerGetPropertiesResponseV2.class;
            case RPCProc.RPC_NEGOTIATE_PROTOCOL: return NegotiateProtocolResponse.class;
            case RPCProc.RPC_DUMP_STACKS: return DumpStacksResponse.class;
            case RPCProc.RPC_START:
            case RPCProc.RPC_SHUTDOWN_GRACEFUL:
            case RPCProc.RPC_SHUTDOWN_FORCED:
            case RPCProc.RPC_SIGNAL_PROCESS:
            case RPCProc.RPC_RESIZE_CONSOLE:
            case RPCProc.RPC_MODIFY_SETTINGS:
            case RPCProc.RPC_DELETE_CONTAINER_STATE:
            case RPCProc.RPC_UPDATE_CONTAINER:
            case RPCProc.RPC_LIFECYCLE_NOTIFICATION:
            case RPCProc.RPC_MODIFY_SERVICE_SETTINGS:
                return ResponseBase.class;
            default: return null;
        }
    }
}
