package io.hcs4j.shim.ttrpc.transport;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import io.hcs4j.platform.Connection;
import io.hcs4j.platform.windows.NamedPipeConnection;
import io.hcs4j.platform.windows.PipeApi;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A named-pipe server whose DACL admits only Administrators and SYSTEM (containerd's ProtectedPrefix
 * addresses expect that). Each accept posts a fresh pipe instance and waits for a client on it.
 */
final class NamedPipeListener implements Listener {
    private static final int BUFFER_SIZE = 64 * 1024;
    private final String name;
    private final WinBase.SECURITY_ATTRIBUTES security;
    private final Pointer descriptor;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile HANDLE pending;
    private boolean first = true;

    private NamedPipeListener(String name, WinBase.SECURITY_ATTRIBUTES security, Pointer descriptor) {
        this.name = name;
        this.security = security;
        this.descriptor = descriptor;
    }

    static NamedPipeListener create(String name) throws IOException {
        PointerByReference sd = new PointerByReference();
        if (!PipeApi.Advapi32.INSTANCE.ConvertStringSecurityDescriptorToSecurityDescriptor(
                PipeApi.ADMINS_AND_SYSTEM_SDDL, PipeApi.SDDL_REVISION_1, sd, null)) {
            throw new IOException("cannot build the pipe security descriptor: Win32 error " + Native.getLastError());
        }
        WinBase.SECURITY_ATTRIBUTES sa = new WinBase.SECURITY_ATTRIBUTES();
        sa.dwLength = new com.sun.jna.platform.win32.WinDef.DWORD(sa.size());
        sa.lpSecurityDescriptor = sd.getValue();
        sa.bInheritHandle = false;
        NamedPipeListener listener = new NamedPipeListener(name, sa, sd.getValue());
        // Create the first instance now so the address is live once start prints it.
        listener.pending = listener.newInstance();
        return listener;
    }

    private synchronized HANDLE newInstance() throws IOException {
        int openMode = PipeApi.PIPE_ACCESS_DUPLEX | PipeApi.FILE_FLAG_OVERLAPPED
                | (first ? PipeApi.FILE_FLAG_FIRST_PIPE_INSTANCE : 0);
        first = false;
        HANDLE h = PipeApi.Kernel32.INSTANCE.CreateNamedPipe(name, openMode,
                PipeApi.PIPE_TYPE_BYTE | PipeApi.PIPE_READMODE_BYTE | PipeApi.PIPE_WAIT
                        | PipeApi.PIPE_REJECT_REMOTE_CLIENTS,
                PipeApi.PIPE_UNLIMITED_INSTANCES, BUFFER_SIZE, BUFFER_SIZE, 0, security);
        if (h == null || WinBase.INVALID_HANDLE_VALUE.equals(h)) {
            throw new IOException("cannot create pipe " + name + ": Win32 error " + Native.getLastError());
        }
        return h;
    }

    @Override
    public Connection accept() throws IOException {
        PipeApi.Kernel32 k32 = PipeApi.Kernel32.INSTANCE;
        HANDLE h = pending;
        if (h == null || closed.get()) {
            throw new IOException("listener closed");
        }
        HANDLE event = k32.CreateEvent(null, true, false, null);
        try {
            WinBase.OVERLAPPED ov = new WinBase.OVERLAPPED();
            ov.hEvent = event;
            ov.write();
            if (!k32.ConnectNamedPipe(h, ov.getPointer())) {
                int error = Native.getLastError();
                if (error == PipeApi.ERROR_IO_PENDING) {
                    if (!k32.GetOverlappedResult(h, ov.getPointer(), new IntByReference(), true)) {
                        throw new IOException("ConnectNamedPipe failed: Win32 error " + Native.getLastError());
                    }
                } else if (error != PipeApi.ERROR_PIPE_CONNECTED) {
                    throw new IOException("ConnectNamedPipe failed: Win32 error " + error);
                }
            }
        } finally {
            k32.CloseHandle(event);
        }
        if (closed.get()) {
            throw new IOException("listener closed");
        }
        pending = newInstance();
        return new NamedPipeConnection(h);
    }

    @Override
    public String address() {
        return name;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            HANDLE h = pending;
            if (h != null) {
                PipeApi.Kernel32.INSTANCE.CancelIoEx(h, null);
                PipeApi.Kernel32.INSTANCE.CloseHandle(h);
            }
            PipeApi.Kernel32.INSTANCE.LocalFree(descriptor);
        }
    }
}
