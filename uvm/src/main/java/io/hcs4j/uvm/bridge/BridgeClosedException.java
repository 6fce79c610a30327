package io.hcs4j.uvm.bridge;

import java.io.IOException;

/** The bridge is gone (guest exited, connection lost, protocol violation, RPC timeout, or closed by the host). */
public class BridgeClosedException extends IOException {
    public BridgeClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
