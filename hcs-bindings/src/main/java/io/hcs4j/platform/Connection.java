package io.hcs4j.platform;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A connected byte stream (unix socket, named pipe, hvsocket). One thread may read while another writes;
 * {@link #close()} from any thread makes a blocked read or write fail at once.
 */
public interface Connection extends Closeable {
    InputStream input();

    OutputStream output();

    /** Half-close: the peer reads end of stream, this side can still read. */
    void shutdownOutput() throws IOException;

    @Override
    void close();
}
