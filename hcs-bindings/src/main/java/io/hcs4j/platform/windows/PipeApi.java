package io.hcs4j.platform.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/**
 * The Win32 calls named pipes need (kernel32 handles and overlapped I/O, advapi32 security descriptors), declared against the documented ABI (jna-platform lacks
 * GetOverlappedResult, CancelIoEx and ConvertStringSecurityDescriptorToSecurityDescriptor, and its ReadFile
 * takes a Java array, which overlapped I/O must not use: the buffer has to outlive the call).
 */
public interface PipeApi {
    int PIPE_ACCESS_DUPLEX = 0x00000003;
    int FILE_FLAG_FIRST_PIPE_INSTANCE = 0x00080000;
    int FILE_FLAG_OVERLAPPED = 0x40000000;
    int PIPE_TYPE_BYTE = 0x0;
    int PIPE_READMODE_BYTE = 0x0;
    int PIPE_WAIT = 0x0;
    int PIPE_REJECT_REMOTE_CLIENTS = 0x8;
    int PIPE_UNLIMITED_INSTANCES = 255;
    int GENERIC_READ = 0x80000000;
    int GENERIC_WRITE = 0x40000000;
    int OPEN_EXISTING = 3;
    int SDDL_REVISION_1 = 1;
    int ERROR_IO_PENDING = 997;
    int ERROR_PIPE_CONNECTED = 535;
    int ERROR_BROKEN_PIPE = 109;
    int ERROR_OPERATION_ABORTED = 995;
    int ERROR_PIPE_NOT_CONNECTED = 233;
    int ERROR_HANDLE_EOF = 38;
    int ERROR_PIPE_BUSY = 231;

    /** Protected DACL: full access for BUILTIN\Administrators and LocalSystem only. */
    String ADMINS_AND_SYSTEM_SDDL = "D:P(A;;GA;;;BA)(A;;GA;;;SY)";

    interface Kernel32 extends StdCallLibrary {
        Kernel32 INSTANCE = Native.load("kernel32", Kernel32.class, W32APIOptions.UNICODE_OPTIONS);

        HANDLE CreateNamedPipe(String name, int openMode, int pipeMode, int maxInstances, int outBufferSize,
                int inBufferSize, int defaultTimeoutMs, WinBase.SECURITY_ATTRIBUTES security);

        boolean ConnectNamedPipe(HANDLE pipe, Pointer overlapped);

        boolean DisconnectNamedPipe(HANDLE pipe);

        HANDLE CreateFile(String name, int access, int shareMode, WinBase.SECURITY_ATTRIBUTES security,
                int creationDisposition, int flags, HANDLE template);

        boolean WaitNamedPipe(String name, int timeoutMs);

        boolean ReadFile(HANDLE file, Pointer buffer, int length, IntByReference read, Pointer overlapped);

        boolean WriteFile(HANDLE file, Pointer buffer, int length, IntByReference written, Pointer overlapped);

        boolean GetOverlappedResult(HANDLE file, Pointer overlapped, IntByReference transferred, boolean wait);

        boolean CancelIoEx(HANDLE file, Pointer overlapped);

        HANDLE CreateEvent(WinBase.SECURITY_ATTRIBUTES security, boolean manualReset, boolean initialState, String name);

        boolean CloseHandle(HANDLE handle);

        Pointer LocalFree(Pointer memory);

        int GetLastError();
    }

    interface Advapi32 extends StdCallLibrary {
        Advapi32 INSTANCE = Native.load("advapi32", Advapi32.class, W32APIOptions.UNICODE_OPTIONS);

        boolean ConvertStringSecurityDescriptorToSecurityDescriptor(String sddl, int revision,
                PointerByReference descriptor, IntByReference descriptorSize);
    }
}
