package io.hcs4j.schema.guest;

/**
 * GCS bridge uint32 constants of {@code prot.MsgType}: the high nibble of a message type. A full type is
 * {@code kind | procedure} ({@link RPCProc}).
 */
public final class MsgType {
    public static final int MSG_TYPE_REQUEST = 0x10000000;
    public static final int MSG_TYPE_RESPONSE = 0x20000000;
    public static final int MSG_TYPE_NOTIFY = 0x30000000;
    public static final int MSG_TYPE_MASK = 0xF0000000;
    /** A container notification (e.g. its exit): Notify with the Create procedure, 0x30100101. */
    public static final int NOTIFY_CONTAINER = MSG_TYPE_NOTIFY | RPCProc.RPC_CREATE;

    private MsgType() {
    }

    /** The kind of a message type: {@link #MSG_TYPE_REQUEST}, {@link #MSG_TYPE_RESPONSE} or {@link #MSG_TYPE_NOTIFY}. */
    public static int kind(int type) {
        return type & MSG_TYPE_MASK;
    }

    /** The procedure ({@link RPCProc}) of a message type. */
    public static int proc(int type) {
        return type & ~MSG_TYPE_MASK;
    }

    public static int request(int proc) {
        return MSG_TYPE_REQUEST | proc;
    }

    public static int response(int proc) {
        return MSG_TYPE_RESPONSE | proc;
    }

    /** A readable name for logs and errors, e.g. {@code Request(EXECUTE_PROCESS)}, or {@code 0x10abcdef}. */
    public static String describe(int type) {
        String proc = RPCProc.name(proc(type));
        String kind = switch (kind(type)) {
            case MSG_TYPE_REQUEST -> "Request";
            case MSG_TYPE_RESPONSE -> "Response";
            case MSG_TYPE_NOTIFY -> "Notify";
            default -> null;
        };
        return proc == null || kind == null ? String.format("0x%08x", type) : kind + "(" + proc + ")";
    }
}
