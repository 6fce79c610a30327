package io.hcs4j.uvm.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.SocketChannel;

/** A connected unix socket (the streams are {@link ChannelStreams}). */
final class ChannelConnection implements HvSocketConnection {
    private final SocketChannel channel;
    private final InputStream input;
    private final OutputStream output;

    ChannelConnection(SocketChannel channel) {
        this.channel = channel;
        this.input = ChannelStreams.input(channel);
        this.output = ChannelStreams.output(channel);
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
    public void shutdownOutput() throws IOException {
        if (channel.isOpen()) {
            channel.shutdownOutput();
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
