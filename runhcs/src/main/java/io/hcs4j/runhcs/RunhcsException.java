package io.hcs4j.runhcs;

/** A failure to report to the user as one line ("runhcs: ...") with an exit code. */
final class RunhcsException extends RuntimeException {
    private final int exitCode;

    RunhcsException(String message) {
        this(message, 1);
    }

    RunhcsException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
