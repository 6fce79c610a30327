package io.hcs4j.uvm.transport;

import io.hcs4j.platform.Connection;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;

/** A listening hvsocket. Closing it stops listening and makes a pending {@link #accept} fail. */
public interface HvSocketListener extends Closeable {

    UUID serviceId();

    /**
     * Waits for the guest to dial in.
     *
     * @throws java.net.SocketTimeoutException when nobody dials within the timeout
     * @throws java.nio.channels.ClosedChannelException when the listener is (or gets) closed
     */
    Connection accept(Duration timeout) throws IOException;
}
