package io.hcs4j.shim.runtime;

import java.io.IOException;

/**
 * A container's spec, rootfs mounts or runtime options that a backend refuses before it changes anything: a value
 * that is wrong in itself (containerd's InvalidArgument) or a file the request names that is missing or broken
 * (FailedPrecondition). The message names the field or path.
 */
public final class SpecException extends IOException {
    /** containerd's error kind for the refusal. */
    public enum Kind { INVALID_ARGUMENT, FAILED_PRECONDITION }

    private final Kind kind;

    private SpecException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public static SpecException invalid(String message) {
        return new SpecException(Kind.INVALID_ARGUMENT, message, null);
    }

    public static SpecException precondition(String message, Throwable cause) {
        return new SpecException(Kind.FAILED_PRECONDITION, message, cause);
    }

    public Kind kind() {
        return kind;
    }
}
