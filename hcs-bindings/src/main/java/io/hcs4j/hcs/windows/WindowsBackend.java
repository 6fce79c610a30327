package io.hcs4j.hcs.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Ole32;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.ptr.IntByReference;
import io.hcs4j.hcs.raw.ComputeCore;
import io.hcs4j.hcs.raw.VmCompute;
import io.hcs4j.hcs.spi.HcsBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** computecore.dll / vmcompute.dll loaded with JNA, result strings freed with LocalFree / CoTaskMemFree. */
final class WindowsBackend implements HcsBackend {
    private static final Logger LOG = LoggerFactory.getLogger(WindowsBackend.class);

    private final ComputeCore computeCore = load("computecore", ComputeCore.class);
    private final VmCompute vmCompute = load("vmcompute", VmCompute.class);

    private static <T extends com.sun.jna.Library> T load(String dll, Class<T> type) {
        try {
            return Native.load(dll, type);
        } catch (UnsatisfiedLinkError e) {
            LOG.debug("{}.dll not available: {}", dll, e.getMessage());
            return null;
        }
    }

    @Override
    public String name() {
        return "windows";
    }

    @Override
    public ComputeCore computeCore() {
        return computeCore;
    }

    @Override
    public VmCompute vmCompute() {
        return vmCompute;
    }

    @Override
    public void localFree(Pointer p) {
        Kernel32.INSTANCE.LocalFree(p);
    }

    @Override
    public void coTaskMemFree(Pointer p) {
        Ole32.INSTANCE.CoTaskMemFree(p);
    }

    @Override
    public InputStream openReader(Pointer handle) {
        WinNT.HANDLE h = new WinNT.HANDLE(handle);
        return new InputStream() {
            private boolean closed;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public synchronized int read(byte[] b, int off, int len) throws IOException {
                if (closed) {
                    throw new IOException("stream closed");
                }
                if (len == 0) {
                    return 0;
                }
                byte[] buf = off == 0 ? b : new byte[len];
                IntByReference n = new IntByReference();
                if (!Kernel32.INSTANCE.ReadFile(h, buf, len, n, null)) {
                    int err = Kernel32.INSTANCE.GetLastError();
                    if (err == WinNT.ERROR_BROKEN_PIPE) {
                        return -1;
                    }
                    throw new IOException("ReadFile failed: " + err);
                }
                if (n.getValue() == 0) {
                    return -1;
                }
                if (buf != b) {
                    System.arraycopy(buf, 0, b, off, n.getValue());
                }
                return n.getValue();
            }

            @Override
            public synchronized void close() {
                if (!closed) {
                    closed = true;
                    Kernel32.INSTANCE.CloseHandle(h);
                }
            }
        };
    }

    @Override
    public OutputStream openWriter(Pointer handle) {
        WinNT.HANDLE h = new WinNT.HANDLE(handle);
        return new OutputStream() {
            private boolean closed;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) throws IOException {
                if (closed) {
                    throw new IOException("stream closed");
                }
                while (len > 0) {
                    byte[] chunk = java.util.Arrays.copyOfRange(b, off, off + len);
                    IntByReference n = new IntByReference();
                    if (!Kernel32.INSTANCE.WriteFile(h, chunk, len, n, null)) {
                        throw new IOException("WriteFile failed: " + Kernel32.INSTANCE.GetLastError());
                    }
                    off += n.getValue();
                    len -= n.getValue();
                }
            }

            @Override
            public synchronized void close() {
                if (!closed) {
                    closed = true;
                    Kernel32.INSTANCE.CloseHandle(h);
                }
            }
        };
    }

    @Override
    public void closeHandle(Pointer handle) {
        Kernel32.INSTANCE.CloseHandle(new WinNT.HANDLE(handle));
    }
}
