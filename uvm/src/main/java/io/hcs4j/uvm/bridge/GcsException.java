package io.hcs4j.uvm.bridge;

import io.hcs4j.uvm.bridge.codec.Rpc;

import java.io.IOException;

/** The guest answered an RPC with a failing HRESULT. */
public class GcsException extends IOException {
    /** Element not found: e.g. signalling a process that has exited. */
    public static final int E_NOT_FOUND = 0x80070490;
    /** The compute system (container) does not exist. */
    public static final int E_SYSTEM_NOT_FOUND = 0xC037010E;
    /** The operation timed out (e.g. WaitForProcess with a timeout). */
    public static final int E_TIMEOUT = 0xC0370109;
    /** Invalid state for the requested operation. */
    public static final int E_INVALID_STATE = 0xC0370105;
    /** Generic failure (E_FAIL). */
    public static final int E_FAIL = 0x80004005;

    private final Rpc rpc;
    private final String containerId;
    private final int result;
    private final String errorMessage;

    public GcsException(Rpc rpc, String containerId, int result, String errorMessage) {
        super("guest " + rpc + " for " + containerId + " failed: HRESULT " + String.format("0x%08x", result)
                + (errorMessage == null || errorMessage.isEmpty() ? "" : ": " + errorMessage));
        this.rpc = rpc;
        this.containerId = containerId;
        this.result = result;
        this.errorMessage = errorMessage;
    }

    public Rpc rpc() {
        return rpc;
    }

    public String containerId() {
        return containerId;
    }

    /** The HRESULT the guest returned. */
    public int result() {
        return result;
    }

    public String errorMessage() {
        return errorMessage;
    }
}
