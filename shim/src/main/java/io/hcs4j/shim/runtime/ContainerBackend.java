package io.hcs4j.shim.runtime;

import java.io.IOException;

/** Creates containers on one platform path (LCOW utility VM, Windows process isolation). */
public interface ContainerBackend {
    /** A short name for logs and errors, e.g. "lcow" or "wcow-process". */
    String name();

    /** @throws UnsupportedOperationException (with the reason) for a spec this path cannot run */
    RuntimeContainer create(ContainerSpec spec) throws IOException;

    /** Loads and initializes what the first create needs, so that it need not happen on the request path. */
    default void warmUp() {
    }
}
