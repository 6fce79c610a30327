package io.hcs4j.uvm.network;

import java.io.IOException;

/** Finds HNS endpoints by id: {@link HcnEndpoints} on Windows. */
@FunctionalInterface
public interface EndpointLookup {
    Endpoint lookup(String endpointId) throws IOException;
}
