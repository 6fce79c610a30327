package io.hcs4j.shim.runtime;

import io.hcs4j.cow.Container;
import java.io.IOException;

/** Creates containers on one platform path (LCOW utility VM, Windows process isolation). */
public interface ContainerBackend {
    /** A short name for logs and errors, e.g. "lcow" or "wcow-process". */
    String name();

    /**
     * Creates the task's container, not yet started. Closing it releases everything the path holds for it
     * (on LCOW also its layers and its place in the utility VM).
     *
     * @throws UnsupportedOperationException (with the reason) for a spec this path cannot run
     * @throws IllegalArgumentException for a spec or annotation that is wrong (InvalidArgument)
     * @throws IllegalStateException when what the spec names is not in a state to be used, e.g. a base layer
     *         without the utility VM image a Hyper-V isolated container needs (FailedPrecondition)
     */
    Container create(ContainerSpec spec) throws IOException;

    /** Loads and initializes what the first create needs, so that it need not happen on the request path. */
    default void warmUp() {
    }
}
