package io.hcs4j.platform;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/** A connected socket channel, unix sockets above all (the streams are {@link Streams}'s). */
public final class ChannelConnection extends StreamConnection {
    private final SocketChannel channel;

    /** Takes over a connected, blocking channel. */
    public ChannelConnection(SocketChannel channel) {
        super(Streams.input(channel), Streams.output(channel));
        this.channel = channel;
    }

    /** Dials the unix socket at {@code path}. */
    public static ChannelConnection connect(Path path) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(path));
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new ChannelConnection(channel);
    }

    @Override
    public void shutdownOutput() throws IOException {
        if (channel.isOpen()) {
            channel.shutdownOutput();
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a socket loses no data
        }
    }
}
