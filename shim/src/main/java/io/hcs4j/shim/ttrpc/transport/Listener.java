package io.hcs4j.shim.ttrpc.transport;

import io.hcs4j.platform.Connection;
import java.io.Closeable;
import java.io.IOException;

/** Accepts connections on one address; {@link #close()} makes a blocked {@link #accept()} throw. */
public interface Listener extends Closeable {
    Connection accept() throws IOException;

    /** The address containerd dials, e.g. {@code unix:///run/x.sock} or {@code \\.\pipe\name}. */
    String address();

    @Override
    void close();
}
