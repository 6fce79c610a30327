package io.hcs4j.uvm.bridge.codec;

import java.io.IOException;

/** The peer broke the bridge protocol (bad header, oversized frame, truncated frame, body that is not JSON). */
public class BridgeProtocolException extends IOException {
    public BridgeProtocolException(String message) {
        super(message);
    }

    public BridgeProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
