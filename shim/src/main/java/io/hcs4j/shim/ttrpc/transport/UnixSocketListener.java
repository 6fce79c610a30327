package io.hcs4j.shim.ttrpc.transport;

import io.hcs4j.platform.ChannelConnection;
import io.hcs4j.platform.Connection;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** A unix domain socket listener on the JDK's own AF_UNIX support (no native library). */
public final class UnixSocketListener implements Listener {
    private final ServerSocketChannel channel;
    private final Path path;

    private UnixSocketListener(ServerSocketChannel channel, Path path) {
        this.channel = channel;
        this.path = path;
    }

    public static UnixSocketListener bind(Path path) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
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
        return new ChannelConnection(channel.accept());
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
