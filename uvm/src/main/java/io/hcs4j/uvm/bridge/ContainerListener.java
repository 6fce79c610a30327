package io.hcs4j.uvm.bridge;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Receives what the bridge learns about one container. Called on a bridge callback thread; must not block. */
public interface ContainerListener {

    /** A container notification (Type, Operation, Result...), e.g. when the container exited. */
    void notification(ObjectNode notification);

    /** The bridge died: the container is as good as exited. */
    void bridgeClosed(BridgeClosedException cause);
}
