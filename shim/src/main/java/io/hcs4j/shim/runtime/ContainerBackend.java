package io.hcs4j.shim.runtime;

import java.io.IOException;

/** Creates containers on one platform path (LCOW utility VM, Windows process/hypervisor isolation, host). */
public interface ContainerBackend {
    /** A short name for logs and errors, e.g. "host" or "lcow". */
    String name();

    RuntimeContainer create(ContainerSpec spec) throws IOException;

    /** Loads and initializes what the first create needs, so that it need not happen on the request path. */
    default void warmUp() {
    }
}
