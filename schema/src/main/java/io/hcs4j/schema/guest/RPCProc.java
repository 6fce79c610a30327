package io.hcs4j.schema.guest;

/** GCS bridge uint32 constants of {@code prot.RPCProc}. */
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
}
