package io.hcs4j.platform.windows;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.platform.win32.WinNT.HANDLEByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.win32.StdCallLibrary;
import java.io.IOException;

/**
 * virtdisk.dll, the calls that create, open, attach and detach VHD/VHDX files, declared in {@code virtdisk.h}'s
 * order with its types (checked by VirtDiskSignatureTest against mingw-w64's header). Structures are passed as
 * raw memory laid out by the helpers below (x64 offsets, noted at each).
 */
public interface VirtDisk extends StdCallLibrary {
    /** Loaded on first use (only on Windows). */
    final class Library {
        static final VirtDisk INSTANCE = Native.load("virtdisk", VirtDisk.class);

        private Library() {
        }
    }

    int VIRTUAL_STORAGE_TYPE_DEVICE_VHDX = 3;
    /** {@code VIRTUAL_STORAGE_TYPE_VENDOR_MICROSOFT}: {EC984AEC-A0F9-47E9-901F-71415A66345B}. */
    byte[] VENDOR_MICROSOFT = {(byte) 0xec, 0x4a, (byte) 0x98, (byte) 0xec, (byte) 0xf9, (byte) 0xa0, (byte) 0xe9, 0x47,
            (byte) 0x90, 0x1f, 0x71, 0x41, 0x5a, 0x66, 0x34, 0x5b};
    int VIRTUAL_DISK_ACCESS_NONE = 0;
    int CREATE_VIRTUAL_DISK_FLAG_NONE = 0;
    int CREATE_VIRTUAL_DISK_VERSION_2 = 2;
    int ERROR_SUCCESS = 0;

    int AttachVirtualDisk(HANDLE disk, Pointer securityDescriptor, int flags, int providerSpecificFlags,
                          Pointer parameters, Pointer overlapped);

    int CreateVirtualDisk(Pointer virtualStorageType, WString path, int accessMask, Pointer securityDescriptor,
                          int flags, int providerSpecificFlags, Pointer parameters, Pointer overlapped,
                          HANDLEByReference handle);

    int DetachVirtualDisk(HANDLE disk, int flags, int providerSpecificFlags);

    int GetVirtualDiskPhysicalPath(HANDLE disk, IntByReference diskPathSizeInBytes, Pointer diskPath);

    int OpenVirtualDisk(Pointer virtualStorageType, WString path, int accessMask, int flags, Pointer parameters,
                        HANDLEByReference handle);

    /**
     * Creates a dynamically expanding VHDX of {@code maximumSize} bytes with {@code blockSizeInBytes} blocks (as
     * go-winio's {@code vhd.CreateVhdx}, which hcsshim's scratch uses); an existing file is an error.
     */
    static void createVhdx(String path, long maximumSize, int blockSizeInBytes) throws IOException {
        HANDLEByReference handle = new HANDLEByReference();
        int rc = Library.INSTANCE.CreateVirtualDisk(vhdxStorageType(), new WString(path), VIRTUAL_DISK_ACCESS_NONE,
                null, CREATE_VIRTUAL_DISK_FLAG_NONE, 0, createParametersV2(maximumSize, blockSizeInBytes), null, handle);
        if (rc != ERROR_SUCCESS) {
            throw new IOException("CreateVirtualDisk " + path + ": Win32 error " + rc);
        }
        Kernel32.INSTANCE.CloseHandle(handle.getValue());
    }

    /** {@code VIRTUAL_STORAGE_TYPE} (20 bytes: DeviceId at 0, VendorId at 4) for VHDX from Microsoft. */
    static Memory vhdxStorageType() {
        Memory m = new Memory(20);
        m.clear();
        m.setInt(0, VIRTUAL_STORAGE_TYPE_DEVICE_VHDX);
        m.write(4, VENDOR_MICROSOFT, 0, VENDOR_MICROSOFT.length);
        return m;
    }

    /**
     * {@code CREATE_VIRTUAL_DISK_PARAMETERS} version 2: Version at 0, the union 8-aligned at 8 (UniqueId 8,
     * MaximumSize 24, BlockSizeInBytes 32, SectorSizeInBytes 36, PhysicalSectorSizeInBytes 40, ParentPath 48,
     * SourcePath 56, OpenFlags 64, the two storage types 68 and 88, ResiliencyGuid 108). Zero fields take the
     * defaults; the buffer is as large as the largest union member so any version reads inside it.
     */
    static Memory createParametersV2(long maximumSize, int blockSizeInBytes) {
        Memory m = new Memory(256);
        m.clear();
        m.setInt(0, CREATE_VIRTUAL_DISK_VERSION_2);
        m.setLong(24, maximumSize);
        m.setInt(32, blockSizeInBytes);
        return m;
    }
}
