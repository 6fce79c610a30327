package io.hcs4j.shim.task;

/**
 * A request the shim itself refuses, with the containerd error kind it is: an unknown task, a duplicate id, a
 * transition the state does not allow, a bad document, or a path this shim cannot serve. {@link GrpcErrors}
 * turns the kind into the gRPC code at the service boundary.
 */
public final class TaskException extends RuntimeException {
    /**
     * containerd's error kinds (errdefs) that the shim's own checks produce; UNKNOWN is a plain error, as hcsshim
     * returns where it names no kind (errdefs.ToGRPC makes it codes.Unknown).
     */
    public enum Kind {
        NOT_FOUND, ALREADY_EXISTS, FAILED_PRECONDITION, INVALID_ARGUMENT, UNIMPLEMENTED, UNKNOWN
    }

    private final Kind kind;

    public TaskException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public TaskException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    static TaskException notFound(String message) {
        return new TaskException(Kind.NOT_FOUND, message);
    }

    static TaskException alreadyExists(String message) {
        return new TaskException(Kind.ALREADY_EXISTS, message);
    }

    static TaskException precondition(String message) {
        return new TaskException(Kind.FAILED_PRECONDITION, message);
    }

    static TaskException invalid(String message) {
        return new TaskException(Kind.INVALID_ARGUMENT, message);
    }

    static TaskException unimplemented(String message) {
        return new TaskException(Kind.UNIMPLEMENTED, message);
    }

    static TaskException unknown(String message) {
        return new TaskException(Kind.UNKNOWN, message);
    }
}
