package io.hcs4j.shim.task;

import io.grpc.Status;
import io.hcs4j.hcs.HcsErrorKind;
import io.hcs4j.hcs.HcsException;
import io.hcs4j.shim.runtime.SpecException;
import io.hcs4j.uvm.bridge.BridgeClosedException;
import io.hcs4j.uvm.bridge.GcsException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * The one mapping from what a Task service handler throws to the gRPC status containerd reads as its error
 * kind, applied once per RPC as hcsshim's errdefs.ToGRPC is. The first exception in the cause chain that names
 * a kind decides the code (the shim's own {@link TaskException}, an HCS {@link HcsErrorKind}, the HRESULT a
 * guest answered with, a timeout, a lost connection); the outermost message, which carries the context,
 * becomes the description (a future's completion wrapper is looked through). Anything else is INTERNAL.
 */
public final class GrpcErrors {
    private GrpcErrors() {
    }

    public static Status toStatus(Throwable error) {
        while ((error instanceof CompletionException || error instanceof ExecutionException) && error.getCause() != null) {
            error = error.getCause();
        }
        Status.Code code = Status.Code.INTERNAL;
        for (Throwable t = error; t != null; t = t.getCause()) {
            Status.Code c = codeOf(t);
            if (c != null) {
                code = c;
                break;
            }
        }
        String message = error.getMessage() == null ? error.toString() : error.getMessage();
        return Status.fromCode(code).withDescription(message).withCause(error);
    }

    private static Status.Code codeOf(Throwable t) {
        if (t instanceof TaskException e) {
            return switch (e.kind()) {
                case NOT_FOUND -> Status.Code.NOT_FOUND;
                case ALREADY_EXISTS -> Status.Code.ALREADY_EXISTS;
                case FAILED_PRECONDITION -> Status.Code.FAILED_PRECONDITION;
                case INVALID_ARGUMENT -> Status.Code.INVALID_ARGUMENT;
                case UNIMPLEMENTED -> Status.Code.UNIMPLEMENTED;
                case UNKNOWN -> Status.Code.UNKNOWN;
            };
        }
        if (t instanceof SpecException e) {
            return switch (e.kind()) {
                case INVALID_ARGUMENT -> Status.Code.INVALID_ARGUMENT;
                case FAILED_PRECONDITION -> Status.Code.FAILED_PRECONDITION;
            };
        }
        if (t instanceof HcsException e) {
            return codeOf(e.kind());
        }
        if (t instanceof GcsException e) {
            return codeOf(e.kind());
        }
        if (t instanceof BridgeClosedException) {
            return Status.Code.UNAVAILABLE; // the guest is gone
        }
        if (t instanceof UnsupportedOperationException) {
            return Status.Code.UNIMPLEMENTED;
        }
        if (t instanceof TimeoutException) {
            return Status.Code.DEADLINE_EXCEEDED;
        }
        return null;
    }

    private static Status.Code codeOf(HcsErrorKind kind) {
        return switch (kind) {
            case SYSTEM_NOT_FOUND, ELEMENT_NOT_FOUND, PROC_NOT_FOUND -> Status.Code.NOT_FOUND;
            case ALREADY_EXISTS -> Status.Code.ALREADY_EXISTS;
            case ALREADY_STOPPED, PROCESS_ALREADY_STOPPED, INVALID_STATE, HANDLE_CLOSED -> Status.Code.FAILED_PRECONDITION;
            case INVALID_DATA, INVALID_JSON -> Status.Code.INVALID_ARGUMENT;
            case NOT_SUPPORTED -> Status.Code.UNIMPLEMENTED;
            case TIMEOUT -> Status.Code.DEADLINE_EXCEEDED;
            case SERVICE_DISCONNECT, UNEXPECTED_EXIT -> Status.Code.UNAVAILABLE;
            case PENDING, ACCESS_DENIED, UNKNOWN_MESSAGE, INVALID_HANDLE, OTHER -> null;
        };
    }
}
