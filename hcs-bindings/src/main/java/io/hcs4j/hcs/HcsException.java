package io.hcs4j.hcs;

import io.hcs4j.hcs.raw.HResults;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An HCS call failed: carries the operation, the HRESULT, its {@link HcsErrorKind} and the parsed result document
 * (null when HCS gave none). An {@link IOException}, so layers above that speak I/O can pass it on unwrapped.
 */
public class HcsException extends IOException {
    private final String operation;
    private final int hresult;
    private final HcsErrorKind kind;
    private final transient ResultDocument result;

    public HcsException(String operation, int hresult, ResultDocument result) {
        this(operation, hresult, HcsErrorKind.of(hresult), result, null);
    }

    public HcsException(String operation, HcsErrorKind kind, String detail) {
        this(operation, kind.hresult(), kind, null, detail);
    }

    private HcsException(String operation, int hresult, HcsErrorKind kind, ResultDocument result, String detail) {
        super(message(operation, hresult, kind, result, detail));
        this.operation = operation;
        this.hresult = hresult;
        this.kind = kind;
        this.result = result;
    }

    /** Waits up to {@code timeout} for a future that completes with a value or fails with an HcsException. */
    static <T> T await(CompletableFuture<T> future, Duration timeout)
            throws HcsException, TimeoutException, InterruptedException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HcsException h) {
                throw h;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static String message(String op, int hr, HcsErrorKind kind, ResultDocument result, String detail) {
        StringBuilder sb = new StringBuilder(op).append(": ").append(kind).append(" (").append(HResults.hex(hr)).append(')');
        if (detail != null) {
            sb.append(": ").append(detail);
        }
        if (result != null && result.errorMessage() != null) {
            sb.append(": ").append(result.errorMessage());
        }
        if (result != null) {
            for (ResultDocument.ErrorEvent e : result.errorEvents()) {
                sb.append(" [").append(e.message()).append(']');
            }
        }
        return sb.toString();
    }

    /** The facade operation that failed, e.g. "HcsStartComputeSystem". */
    public String operation() {
        return operation;
    }

    public int hresult() {
        return hresult;
    }

    public HcsErrorKind kind() {
        return kind;
    }

    /** The result document HCS returned with the failure, or null. */
    public ResultDocument result() {
        return result;
    }

    /** Unknown compute system or element. */
    public boolean isNotFound() {
        return kind == HcsErrorKind.SYSTEM_NOT_FOUND || kind == HcsErrorKind.ELEMENT_NOT_FOUND;
    }

    /** The system or process had already stopped. */
    public boolean isAlreadyStopped() {
        return kind == HcsErrorKind.ALREADY_STOPPED || kind == HcsErrorKind.PROCESS_ALREADY_STOPPED;
    }

    public boolean isAlreadyExists() {
        return kind == HcsErrorKind.ALREADY_EXISTS;
    }

    public boolean isInvalidState() {
        return kind == HcsErrorKind.INVALID_STATE;
    }

    public boolean isNotSupported() {
        return kind == HcsErrorKind.NOT_SUPPORTED;
    }

    public boolean isTimeout() {
        return kind == HcsErrorKind.TIMEOUT;
    }

    public boolean isAccessDenied() {
        return kind == HcsErrorKind.ACCESS_DENIED;
    }

    public boolean isHandleClosed() {
        return kind == HcsErrorKind.HANDLE_CLOSED || kind == HcsErrorKind.INVALID_HANDLE;
    }

    public boolean isServiceDisconnect() {
        return kind == HcsErrorKind.SERVICE_DISCONNECT;
    }

    public boolean isUnexpectedExit() {
        return kind == HcsErrorKind.UNEXPECTED_EXIT;
    }
}
