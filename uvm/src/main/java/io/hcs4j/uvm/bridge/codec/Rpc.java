package io.hcs4j.uvm.bridge.codec;

import java.util.HashMap;
import java.util.Map;

/**
 * The bridge procedures. A message type is a kind ({@link MessageKind}) OR-ed with a procedure code;
 * a code is its category | n &lt;&lt; 8 | 1 (version 1 of each message).
 */
public enum Rpc {
    CREATE(0x00100101),
    START(0x00100201),
    SHUTDOWN_GRACEFUL(0x00100301),
    SHUTDOWN_FORCED(0x00100401),
    EXECUTE_PROCESS(0x00100501),
    WAIT_FOR_PROCESS(0x00100601),
    SIGNAL_PROCESS(0x00100701),
    RESIZE_CONSOLE(0x00100801),
    GET_PROPERTIES(0x00100901),
    MODIFY_SETTINGS(0x00100A01),
    NEGOTIATE_PROTOCOL(0x00100B01),
    DUMP_STACKS(0x00100C01),
    DELETE_CONTAINER_STATE(0x00100D01),
    UPDATE_CONTAINER(0x00100E01),
    LIFECYCLE_NOTIFICATION(0x00100F01),
    MODIFY_SERVICE_SETTINGS(0x00200101);

    public static final int CATEGORY_COMPUTE_SYSTEM = 0x00100000;
    public static final int CATEGORY_COMPUTE_SERVICE = 0x00200000;

    private static final Map<Integer, Rpc> BY_CODE = new HashMap<>();

    static {
        for (Rpc rpc : values()) {
            BY_CODE.put(rpc.code, rpc);
        }
    }

    private final int code;

    Rpc(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public int requestType() {
        return MessageKind.REQUEST | code;
    }

    public int responseType() {
        return MessageKind.RESPONSE | code;
    }

    /** The procedure of a message type, or null when the code is unknown. */
    public static Rpc ofType(int type) {
        return BY_CODE.get(type & ~MessageKind.MASK);
    }
}
