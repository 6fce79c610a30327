package io.hcs4j.shim.ttrpc.transport;

import io.hcs4j.platform.ChannelConnection;
import io.hcs4j.platform.Connection;
import io.hcs4j.platform.PeerCredentials;
import io.hcs4j.platform.PrivateDirectory;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A unix domain socket listener on the JDK's own AF_UNIX support (no native library), in a
 * {@link PrivateDirectory}, that serves only processes of our own user or root ({@link PeerCredentials}).
 */
public final class UnixSocketListener implements Listener {
    private final ServerSocketChannel channel;
    private final Path path;

    private UnixSocketListener(ServerSocketChannel channel, Path path) {
        this.channel = channel;
        this.path = path;
    }

    public static UnixSocketListener bind(Path path) throws IOException {
        PrivateDirectory.create(path.toAbsolutePath().getParent());
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.bind(UnixDomainSocketAddress.of(path));
            // Only the owner (root, like containerd) may talk to the shim.
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return new UnixSocketListener(channel, path);
    }

    @Override
    public Connection accept() throws IOException {
        while (true) {
            SocketChannel accepted = channel.accept();
            try {
                PeerCredentials.requireTrusted(accepted, path);
                return new ChannelConnection(accepted);
            } catch (IOException stranger) {
                accepted.close(); // the socket's directory should have kept them out; they get nothing
            }
        }
    }

    @Override
    public String address() {
        return "unix://" + path.toAbsolutePath();
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a listening socket cannot lose data
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // best effort: delete of a dead shim cleans it again
        }
    }
}
