package io.hcs4j.schema.v2;

/** HCS schema2 int32 constants of {@code hcsschema.Plan9ShareFlags}. */
public final class Plan9ShareFlags {
    public static final int PLAN9_SHARE_FLAGS_NONE = 0;
    public static final int PLAN9_SHARE_FLAGS_READ_ONLY = 1;
    public static final int PLAN9_SHARE_FLAGS_LINUX_METADATA = 4;
    public static final int PLAN9_SHARE_FLAGS_CASE_SENSITIVE = 8;
    public static final int PLAN9_SHARE_FLAGS_USE_SHARE_ROOT_IDENTITY = 16;
    public static final int PLAN9_SHARE_FLAGS_RESTRICT_FILE_ACCESS = 128;
    public static final int PLAN9_SHARE_FLAGS_UNLIMITED_CONNECTIONS = 256;

    private Plan9ShareFlags() {
    }
}
