package io.hcs4j.platform;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * InputStream and OutputStream over a read and a write function: a socket channel, a Win32 handle, a Winsock
 * socket, a file descriptor. Reads and writes do not share a lock, so one thread may read while another writes
 * (the JDK's {@link java.nio.channels.Channels} adapters share one, so a blocked read would stall every write).
 * The buffers handed to the functions start at position 0 of their own array offset ({@link ByteBuffer#slice()}),
 * which is what JNA passes to native code for a heap buffer.
 */
public final class Streams {
    /** Reads into {@code dst}; returns the bytes read, or -1 at end of stream. */
    @FunctionalInterface
    public interface Read {
        int read(ByteBuffer dst) throws IOException;
    }

    /** Writes from {@code src}; returns the bytes written (it throws rather than write nothing at the end). */
    @FunctionalInterface
    public interface Write {
        int write(ByteBuffer src) throws IOException;
    }

    private Streams() {
    }

    /** Reads from {@code read}; closing the stream runs {@code close}. */
    public static InputStream input(Read read, Closeable close) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                return read.read(ByteBuffer.wrap(b, off, len).slice());
            }

            @Override
            public void close() throws IOException {
                close.close();
            }
        };
    }

    /** Writes every byte through {@code write}, as many calls as it takes; closing the stream runs {@code close}. */
    public static OutputStream output(Write write, Closeable close) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer rest = ByteBuffer.wrap(b, off, len);
                while (rest.hasRemaining()) {
                    rest.position(rest.position() + write.write(rest.slice()));
                }
            }

            @Override
            public void close() throws IOException {
                close.close();
            }
        };
    }

    /** The input of a blocking socket channel; closing the stream closes the channel, as a socket's streams do. */
    public static InputStream input(SocketChannel channel) {
        return input(channel::read, channel);
    }

    /** The output of a blocking socket channel; closing the stream closes the channel. */
    public static OutputStream output(SocketChannel channel) {
        return output(channel::write, channel);
    }
}
