package io.hcs4j.cow.storage;

import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.win32.StdCallLibrary;

/**
 * computestorage.dll, the documented HCS layer-storage API: one method per function of the Windows SDK's
 * {@code computestorage.h}, in the header's order. Type mapping as for computecore: HRESULT is {@code int}, HANDLE is
 * {@link Pointer}, PCWSTR is {@link WString}, {@code PWSTR*} is {@link PointerByReference} (allocated by the callee,
 * freed with LocalFree). {@code ComputeStorageSignatureTest} checks this interface against mingw-w64's header.
 *
 * <p>Implemented by a JNA proxy on Windows and by the emulator elsewhere.
 */
public interface ComputeStorage extends StdCallLibrary {

    int HcsImportLayer(WString layerPath, WString sourceFolderPath, WString layerData);

    int HcsExportLayer(WString layerPath, WString exportFolderPath, WString layerData, WString options);

    int HcsExportLegacyWritableLayer(WString writableLayerMountPath, WString writableLayerFolderPath,
                                     WString exportFolderPath, WString layerData);

    int HcsDestroyLayer(WString layerPath);

    int HcsSetupBaseOSLayer(WString layerPath, Pointer vhdHandle, WString options);

    int HcsInitializeWritableLayer(WString writableLayerPath, WString layerData, WString options);

    int HcsInitializeLegacyWritableLayer(WString writableLayerMountPath, WString writableLayerFolderPath,
                                         WString layerData, WString options);

    /** Attaches the layer storage filter to a writable layer folder, over the parent layers {@code layerData} names. */
    int HcsAttachLayerStorageFilter(WString layerPath, WString layerData);

    int HcsDetachLayerStorageFilter(WString layerPath);

    int HcsFormatWritableLayerVhd(Pointer vhdHandle);

    int HcsGetLayerVhdMountPath(Pointer vhdHandle, PointerByReference mountPath);

    int HcsSetupBaseOSVolume(WString layerPath, WString volumePath, WString options);
}
