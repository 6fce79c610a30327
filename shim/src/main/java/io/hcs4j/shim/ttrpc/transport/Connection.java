package io.hcs4j.shim.ttrpc.transport;

import java.io.Closeable;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A byte-stream connection (unix socket, named pipe). One thread may read while another writes;
 * {@link #close()} unblocks both.
 */
public interface Connection extends Closeable {
    InputStream input();

    OutputStream output();

    @Override
    void close();
}
