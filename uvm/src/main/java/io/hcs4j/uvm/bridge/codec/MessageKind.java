package io.hcs4j.uvm.bridge.codec;

/** The high nibble of a bridge message type. */
public final class MessageKind {
    public static final int MASK = 0xF0000000;
    public static final int REQUEST = 0x10000000;
    public static final int RESPONSE = 0x20000000;
    public static final int NOTIFY = 0x30000000;
    /** The container notification type: Notify | ComputeSystem | 1 &lt;&lt; 8 | 1. */
    public static final int CONTAINER_NOTIFICATION = NOTIFY | 0x00100101;

    private MessageKind() {
    }

    public static int of(int type) {
        return type & MASK;
    }

    /** A readable name for logs and errors, e.g. {@code Request(EXECUTE_PROCESS)} or {@code 0x10abcdef}. */
    public static String describe(int type) {
        Rpc rpc = Rpc.ofType(type);
        String kind = switch (of(type)) {
            case REQUEST -> "Request";
            case RESPONSE -> "Response";
            case NOTIFY -> "Notify";
            default -> null;
        };
        if (rpc == null || kind == null) {
            return String.format("0x%08x", type);
        }
        return kind + "(" + rpc + ")";
    }
}
