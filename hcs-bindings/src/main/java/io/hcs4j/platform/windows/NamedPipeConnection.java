package io.hcs4j.platform.windows;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.ptr.IntByReference;
import io.hcs4j.platform.StreamConnection;
import io.hcs4j.platform.Streams;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One end of a Windows named pipe opened for overlapped I/O, so a pending read does not serialize writes
 * (synchronous handles let only one I/O run at a time). Each direction owns its event and OVERLAPPED block.
 */
public final class NamedPipeConnection extends StreamConnection {
    private final HANDLE pipe;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Direction reader;
    private final Direction writer;

    /** Takes over a connected pipe handle opened with FILE_FLAG_OVERLAPPED. */
    public NamedPipeConnection(HANDLE pipe) {
        this(pipe, new Direction(), new Direction());
    }

    private NamedPipeConnection(HANDLE pipe, Direction reader, Direction writer) {
        super(Streams.input(dst -> read(pipe, reader, dst), () -> { }),
                Streams.output(src -> write(pipe, writer, src), () -> { }));
        this.pipe = pipe;
        this.reader = reader;
        this.writer = writer;
    }

    /** Opens the client end of pipe {@code name}, waiting (bounded) while every instance is busy. */
    public static NamedPipeConnection dial(String name) throws IOException {
        PipeApi.Kernel32 k32 = PipeApi.Kernel32.INSTANCE;
        for (int attempt = 0; ; attempt++) {
            HANDLE h = k32.CreateFile(name, PipeApi.GENERIC_READ | PipeApi.GENERIC_WRITE, 0, null,
                    PipeApi.OPEN_EXISTING, PipeApi.FILE_FLAG_OVERLAPPED, null);
            if (h != null && !WinBase.INVALID_HANDLE_VALUE.equals(h)) {
                return new NamedPipeConnection(h);
            }
            int error = Native.getLastError();
            // All instances busy: wait (bounded) for the server to post the next one.
            if (error != PipeApi.ERROR_PIPE_BUSY || attempt >= 5 || !k32.WaitNamedPipe(name, 2000)) {
                throw new IOException("cannot open pipe " + name + ": Win32 error " + error);
            }
        }
    }

    private static int read(HANDLE pipe, Direction reader, ByteBuffer dst) throws IOException {
        synchronized (reader) {
            int len = dst.remaining();
            Memory buf = reader.buffer(len);
            int n = reader.run(pipe, buf, len, true);
            if (n > 0) {
                dst.put(buf.getByteBuffer(0, n));
            }
            return n;
        }
    }

    private static int write(HANDLE pipe, Direction writer, ByteBuffer src) throws IOException {
        synchronized (writer) {
            int len = src.remaining();
            Memory buf = writer.buffer(len);
            buf.getByteBuffer(0, len).put(src);
            int n = writer.run(pipe, buf, len, false);
            if (n < 0) {
                throw new IOException("pipe closed by peer");
            }
            return n;
        }
    }

    /** Byte-mode pipes have no half-close: only closing the handle ends the peer's reads. */
    @Override
    public void shutdownOutput() throws IOException {
        throw new IOException("a named pipe cannot be half-closed");
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            PipeApi.Kernel32 k32 = PipeApi.Kernel32.INSTANCE;
            // Cancel pending I/O first and let each direction observe the abort before the handle goes away:
            // freeing buffers a pending call still uses would corrupt memory.
            k32.CancelIoEx(pipe, null);
            synchronized (reader) {
                synchronized (writer) {
                    k32.CloseHandle(pipe);
                    reader.close();
                    writer.close();
                }
            }
        }
    }

    /** One direction's overlapped state: an event, an OVERLAPPED block and a reusable native buffer. */
    private static final class Direction {
        private final HANDLE event = PipeApi.Kernel32.INSTANCE.CreateEvent(null, true, false, null);
        private final WinBase.OVERLAPPED overlapped = new WinBase.OVERLAPPED();
        private Memory buffer;

        Memory buffer(int len) {
            if (buffer == null || buffer.size() < len) {
                buffer = new Memory(Math.max(len, 64 * 1024));
            }
            return buffer;
        }

        /** Runs one read or write to completion; returns bytes transferred or -1 at end of stream. */
        int run(HANDLE pipe, Memory buf, int len, boolean read) throws IOException {
            PipeApi.Kernel32 k32 = PipeApi.Kernel32.INSTANCE;
            overlapped.Internal = null;
            overlapped.InternalHigh = null;
            overlapped.Offset = 0;
            overlapped.OffsetHigh = 0;
            overlapped.hEvent = event;
            overlapped.write();
            IntByReference done = new IntByReference();
            boolean ok = read
                    ? k32.ReadFile(pipe, buf, len, done, overlapped.getPointer())
                    : k32.WriteFile(pipe, buf, len, done, overlapped.getPointer());
            if (!ok) {
                int error = Native.getLastError();
                if (error != PipeApi.ERROR_IO_PENDING) {
                    return endOrThrow(error);
                }
                if (!k32.GetOverlappedResult(pipe, overlapped.getPointer(), done, true)) {
                    return endOrThrow(Native.getLastError());
                }
            }
            return done.getValue();
        }

        private static int endOrThrow(int error) throws IOException {
            if (error == PipeApi.ERROR_BROKEN_PIPE || error == PipeApi.ERROR_HANDLE_EOF
                    || error == PipeApi.ERROR_OPERATION_ABORTED || error == PipeApi.ERROR_PIPE_NOT_CONNECTED) {
                return -1;
            }
            throw new IOException("named pipe I/O failed: Win32 error " + error);
        }

        void close() {
            PipeApi.Kernel32.INSTANCE.CloseHandle(event);
        }
    }
}
