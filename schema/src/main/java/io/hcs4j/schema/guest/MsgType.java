package io.hcs4j.schema.guest;

/** GCS bridge uint32 constants of {@code prot.MsgType}. */
public final class MsgType {
    public static final int MSG_TYPE_REQUEST = 0x10000000;
    public static final int MSG_TYPE_RESPONSE = 0x20000000;
    public static final int MSG_TYPE_NOTIFY = 0x30000000;
    public static final int MSG_TYPE_MASK = 0xF0000000;

    private MsgType() {
    }
}
