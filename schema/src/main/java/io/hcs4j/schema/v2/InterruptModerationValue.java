package io.hcs4j.schema.v2;

/** HCS schema2 uint32 constants of {@code hcsschema.InterruptModerationValue}. */
public final class InterruptModerationValue {
    public static final int DEFAULT_VALUE = 0x0;
    public static final int ADAPTIVE_VALUE = 0x1;
    public static final int OFF_VALUE = 0x2;
    public static final int LOW_VALUE = 0x64;
    public static final int MEDIUM_VALUE = 0xC8;
    public static final int HIGH_VALUE = 0x12C;

    private InterruptModerationValue() {
    }
}
