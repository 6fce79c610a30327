package io.hcs4j.shim.ttrpc.transport;

import io.hcs4j.platform.ChannelConnection;
import io.hcs4j.platform.Connection;
import io.hcs4j.platform.windows.NamedPipeConnection;
import java.io.IOException;
import java.nio.file.Path;

/** Picks the platform's transport for an address: named pipes on Windows, unix sockets elsewhere. */
public final class Transports {
    private static final String UNIX_SCHEME = "unix://";
    private static final String PIPE_PREFIX = "\\\\.\\pipe\\";

    private Transports() {
    }

    public static Listener listen(String address) throws IOException {
        if (address.startsWith(PIPE_PREFIX)) {
            return NamedPipeListener.create(address);
        }
        return UnixSocketListener.bind(unixPath(address));
    }

    public static Connection dial(String address) throws IOException {
        if (address.startsWith(PIPE_PREFIX)) {
            return NamedPipeConnection.dial(address);
        }
        return ChannelConnection.connect(unixPath(address));
    }

    /** containerd writes unix addresses with or without the scheme (TTRPC_ADDRESS is a bare path). */
    public static Path unixPath(String address) {
        String path = address.startsWith(UNIX_SCHEME) ? address.substring(UNIX_SCHEME.length()) : address;
        if (path.isEmpty() || path.charAt(0) != '/') {
            throw new IllegalArgumentException("not an absolute unix socket address: " + address);
        }
        return Path.of(path);
    }
}
