package io.hcs4j.uvm.bridge;

import io.hcs4j.schema.guest.ContainerNotification;

/** Receives what the bridge learns about one container. Called on a bridge callback thread; must not block. */
public interface ContainerListener {

    /** A container notification (Type, Operation, Result...), e.g. when the container exited. */
    void notification(ContainerNotification notification);

    /** The bridge died: the container is as good as exited. */
    void bridgeClosed(BridgeClosedException cause);
}
