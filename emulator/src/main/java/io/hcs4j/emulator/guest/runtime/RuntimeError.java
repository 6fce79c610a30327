package io.hcs4j.emulator.guest.runtime;

import io.hcs4j.hcs.raw.HResults;

/**
 * A runtime's refusal, with the HRESULT the host receives for it. The named errors are the reference's
 * (runtime.ErrContainer*); anything the runtime itself reports (runc's message) is E_FAIL with its text.
 */
public final class RuntimeError extends Exception {
    private final int hresult;

    public RuntimeError(int hresult, String message) {
        super(message);
        this.hresult = hresult;
    }

    public int hresult() {
        return hresult;
    }

    public static RuntimeError alreadyExists(String id) {
        return new RuntimeError(HResults.V1_SYSTEM_ALREADY_EXISTS, "container already exist: " + id);
    }

    public static RuntimeError doesNotExist(String id) {
        return new RuntimeError(HResults.V1_SYSTEM_NOT_FOUND, "container does not exist: " + id);
    }

    public static RuntimeError stillRunning(String id) {
        return new RuntimeError(HResults.V1_INVALID_STATE, "container still running: " + id);
    }

    public static RuntimeError notRunning(String id) {
        return new RuntimeError(HResults.V1_SYSTEM_ALREADY_STOPPED, "container not running: " + id);
    }

    public static RuntimeError notStopped(String id) {
        return new RuntimeError(HResults.V1_INVALID_STATE, "container not stopped: " + id);
    }

    public static RuntimeError invalidId(String id) {
        return new RuntimeError(HResults.E_INVALIDARG, "invalid container ID: " + id);
    }

    /** A failure the runtime describes itself. */
    public static RuntimeError failed(String message) {
        return new RuntimeError(HResults.E_FAIL, message);
    }
}
