package io.hcs4j.hcs.raw;

/** Numeric event and notification codes of both HCS generations (they differ: see FACTS.md). */
public final class HcsEvents {
    private HcsEvents() {
    }

    // computecore.dll HCS_EVENT_TYPE
    public static final int V2_SYSTEM_EXITED = 0x00000001;
    public static final int V2_SYSTEM_CRASH_INITIATED = 0x00000002;
    public static final int V2_SYSTEM_CRASH_REPORT = 0x00000003;
    public static final int V2_SYSTEM_RDP_ENHANCED_MODE_STATE_CHANGED = 0x00000004;
    public static final int V2_SYSTEM_SILO_JOB_CREATED = 0x00000005;
    public static final int V2_SYSTEM_GUEST_CONNECTION_CLOSED = 0x00000006;
    public static final int V2_PROCESS_EXITED = 0x00010000;
    public static final int V2_OPERATION_CALLBACK = 0x01000000;
    public static final int V2_SERVICE_DISCONNECT = 0x02000000;

    // vmcompute.dll HCS_NOTIFICATIONS
    public static final int V1_SYSTEM_EXITED = 0x00000001;
    public static final int V1_SYSTEM_CREATE_COMPLETED = 0x00000002;
    public static final int V1_SYSTEM_START_COMPLETED = 0x00000003;
    public static final int V1_SYSTEM_PAUSE_COMPLETED = 0x00000004;
    public static final int V1_SYSTEM_RESUME_COMPLETED = 0x00000005;
    public static final int V1_SYSTEM_CRASH_REPORT = 0x00000006;
    public static final int V1_SYSTEM_SILO_JOB_CREATED = 0x00000007;
    public static final int V1_SYSTEM_SAVE_COMPLETED = 0x00000008;
    public static final int V1_SYSTEM_RDP_ENHANCED_MODE_STATE_CHANGED = 0x00000009;
    public static final int V1_SYSTEM_SHUTDOWN_FAILED = 0x0000000A;
    public static final int V1_SYSTEM_GET_PROPERTIES_COMPLETED = 0x0000000B;
    public static final int V1_SYSTEM_MODIFY_COMPLETED = 0x0000000C;
    public static final int V1_SYSTEM_CRASH_INITIATED = 0x0000000D;
    public static final int V1_SYSTEM_GUEST_CONNECTION_CLOSED = 0x0000000E;
    public static final int V1_PROCESS_EXITED = 0x00010000;
    public static final int V1_SERVICE_DISCONNECT = 0x01000000;

    /** HCS_EVENT_OPTIONS: also deliver operation completions through the system callback. */
    public static final int EVENT_OPTION_NONE = 0;
    public static final int EVENT_OPTION_ENABLE_OPERATION_CALLBACKS = 1;

    /** HCS_OPERATION_TYPE values. */
    public static final int OPERATION_TYPE_NONE = -1;
}
