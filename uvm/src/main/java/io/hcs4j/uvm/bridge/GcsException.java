package io.hcs4j.uvm.bridge;

import io.hcs4j.hcs.HcsErrorKind;
import io.hcs4j.hcs.raw.HResults;
import io.hcs4j.schema.guest.RPCProc;

import java.io.IOException;

/**
 * The guest answered an RPC with a failing HRESULT. Its {@link #kind()} classifies it with the one HRESULT table
 * ({@link io.hcs4j.hcs.raw.HResults}), as HCS failures are.
 */
public class GcsException extends IOException {
    private final int proc;
    private final String containerId;
    private final int result;
    private final String errorMessage;

    public GcsException(int proc, String containerId, int result, String errorMessage) {
        super("guest " + RPCProc.name(proc) + " for " + containerId + " failed: HRESULT " + String.format("0x%08x", result)
                + (errorMessage == null || errorMessage.isEmpty() ? "" : ": " + errorMessage));
        this.proc = proc;
        this.containerId = containerId;
        this.result = result;
        this.errorMessage = errorMessage;
    }

    /** The procedure ({@link RPCProc}) that failed. */
    public int proc() {
        return proc;
    }

    public String containerId() {
        return containerId;
    }

    /** The HRESULT the guest returned. */
    public int result() {
        return result;
    }

    /**
     * The kind of the guest's HRESULT, {@link HcsErrorKind#OTHER} when the table does not name it. E_NOTIMPL is
     * how the guest refuses an RPC or request it lacks ("bridge: function not supported"), so it is NOT_SUPPORTED.
     */
    public HcsErrorKind kind() {
        return result == HResults.E_NOTIMPL ? HcsErrorKind.NOT_SUPPORTED : HcsErrorKind.of(result);
    }

    public String errorMessage() {
        return errorMessage;
    }
}
