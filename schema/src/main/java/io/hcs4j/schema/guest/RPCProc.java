package io.hcs4j.schema.guest;

/**
 * GCS bridge uint32 constants of {@code prot.RPCProc}: the procedures, each {@code category | n << 8 | 1}
 * (version 1 of each message).
 */
public final class RPCProc {
    public static final int RPC_CREATE = 0x100101;
    public static final int RPC_START = 0x100201;
    public static final int RPC_SHUTDOWN_GRACEFUL = 0x100301;
    public static final int RPC_SHUTDOWN_FORCED = 0x100401;
    public static final int RPC_EXECUTE_PROCESS = 0x100501;
    public static final int RPC_WAIT_FOR_PROCESS = 0x100601;
    public static final int RPC_SIGNAL_PROCESS = 0x100701;
    public static final int RPC_RESIZE_CONSOLE = 0x100801;
    public static final int RPC_GET_PROPERTIES = 0x100901;
    public static final int RPC_MODIFY_SETTINGS = 0x100A01;
    public static final int RPC_NEGOTIATE_PROTOCOL = 0x100B01;
    public static final int RPC_DUMP_STACKS = 0x100C01;
    public static final int RPC_DELETE_CONTAINER_STATE = 0x100D01;
    public static final int RPC_UPDATE_CONTAINER = 0x100E01;
    public static final int RPC_LIFECYCLE_NOTIFICATION = 0x100F01;
    public static final int RPC_MODIFY_SERVICE_SETTINGS = 0x200101;

    private RPCProc() {
    }

    /** The procedure's name for logs and errors ({@code EXECUTE_PROCESS}), or null when the code is unknown. */
    public static String name(int proc) {
        return switch (proc) {
            case RPC_CREATE -> "CREATE";
            case RPC_START -> "START";
            case RPC_SHUTDOWN_GRACEFUL -> "SHUTDOWN_GRACEFUL";
            case RPC_SHUTDOWN_FORCED -> "SHUTDOWN_FORCED";
            case RPC_EXECUTE_PROCESS -> "EXECUTE_PROCESS";
            case RPC_WAIT_FOR_PROCESS -> "WAIT_FOR_PROCESS";
            case RPC_SIGNAL_PROCESS -> "SIGNAL_PROCESS";
            case RPC_RESIZE_CONSOLE -> "RESIZE_CONSOLE";
            case RPC_GET_PROPERTIES -> "GET_PROPERTIES";
            case RPC_MODIFY_SETTINGS -> "MODIFY_SETTINGS";
            case RPC_NEGOTIATE_PROTOCOL -> "NEGOTIATE_PROTOCOL";
            case RPC_DUMP_STACKS -> "DUMP_STACKS";
            case RPC_DELETE_CONTAINER_STATE -> "DELETE_CONTAINER_STATE";
            case RPC_UPDATE_CONTAINER -> "UPDATE_CONTAINER";
            case RPC_LIFECYCLE_NOTIFICATION -> "LIFECYCLE_NOTIFICATION";
            case RPC_MODIFY_SERVICE_SETTINGS -> "MODIFY_SERVICE_SETTINGS";
            default -> null;
        };
    }
}
