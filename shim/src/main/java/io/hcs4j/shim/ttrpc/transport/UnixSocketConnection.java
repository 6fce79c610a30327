package io.hcs4j.shim.ttrpc.transport;

import io.hcs4j.uvm.transport.ChannelStreams;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/** A connected unix socket (the streams are uvm's {@link ChannelStreams}: reads never stall writes). */
public final class UnixSocketConnection implements Connection {
    private final SocketChannel channel;
    private final InputStream input;
    private final OutputStream output;

    UnixSocketConnection(SocketChannel channel) {
        this.channel = channel;
        this.input = ChannelStreams.input(channel);
        this.output = ChannelStreams.output(channel);
    }

    public static UnixSocketConnection connect(Path path) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(path));
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new UnixSocketConnection(channel);
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing to flush on a socket close
        }
    }
}
