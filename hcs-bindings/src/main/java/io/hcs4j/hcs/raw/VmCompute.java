package io.hcs4j.hcs.raw;

import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.Callback;
import com.sun.jna.Library;

/**
 * vmcompute.dll, HCS v1: the 26 exports hcsshim uses. A call that answers {@code 0xC0370103} (pending) completes
 * later through the notification callback registered on the handle. Result strings ({@code PWSTR*}) are allocated by
 * HCS and freed by the caller with CoTaskMemFree.
 *
 * <p>Provenance: there is no public header for vmcompute.dll. These signatures follow the Go declarations in hcsshim's
 * {@code internal/vmcompute/zsyscall_windows.go} ({@code //sys} lines): every parameter there is a pointer-sized
 * value ({@code *uint16}, {@code **uint16}, handles, callbacks) except the process id of HcsOpenProcess
 * ({@code uint32}), and every function returns an HRESULT except the three Close/Unregister calls whose result
 * hcsshim also reads as an HRESULT. Unverified: exact C parameter names and constness, and whether the Close
 * functions are declared void (returning int here is harmless on x64, where the return register is simply read).
 */
public interface VmCompute extends Library {

    /** The HCS v1 notification callback: (notificationType, context, notificationStatus, notificationData). */
    interface HcsNotificationCallback extends Callback {
        void callback(int notificationType, Pointer context, int notificationStatus, Pointer notificationData);
    }

    int HcsEnumerateComputeSystems(WString query, PointerByReference computeSystems, PointerByReference result);

    int HcsCreateComputeSystem(WString id, WString configuration, Pointer identity,
                               PointerByReference computeSystem, PointerByReference result);

    int HcsOpenComputeSystem(WString id, PointerByReference computeSystem, PointerByReference result);

    int HcsCloseComputeSystem(Pointer computeSystem);

    int HcsStartComputeSystem(Pointer computeSystem, WString options, PointerByReference result);

    int HcsShutdownComputeSystem(Pointer computeSystem, WString options, PointerByReference result);

    int HcsTerminateComputeSystem(Pointer computeSystem, WString options, PointerByReference result);

    int HcsPauseComputeSystem(Pointer computeSystem, WString options, PointerByReference result);

    int HcsResumeComputeSystem(Pointer computeSystem, WString options, PointerByReference result);

    int HcsSaveComputeSystem(Pointer computeSystem, WString options, PointerByReference result);

    int HcsGetComputeSystemProperties(Pointer computeSystem, WString propertyQuery, PointerByReference properties,
                                      PointerByReference result);

    int HcsModifyComputeSystem(Pointer computeSystem, WString configuration, PointerByReference result);

    int HcsModifyServiceSettings(WString settings, PointerByReference result);

    int HcsGetServiceProperties(WString propertyQuery, PointerByReference properties, PointerByReference result);

    int HcsRegisterComputeSystemCallback(Pointer computeSystem, HcsNotificationCallback callback, Pointer context,
                                         PointerByReference callbackHandle);

    int HcsUnregisterComputeSystemCallback(Pointer callbackHandle);

    int HcsCreateProcess(Pointer computeSystem, WString processParameters, HcsProcessInformation processInformation,
                         PointerByReference process, PointerByReference result);

    int HcsOpenProcess(Pointer computeSystem, int pid, PointerByReference process, PointerByReference result);

    int HcsCloseProcess(Pointer process);

    int HcsTerminateProcess(Pointer process, PointerByReference result);

    int HcsSignalProcess(Pointer process, WString options, PointerByReference result);

    int HcsGetProcessInfo(Pointer process, HcsProcessInformation processInformation, PointerByReference result);

    int HcsGetProcessProperties(Pointer process, PointerByReference processProperties, PointerByReference result);

    int HcsModifyProcess(Pointer process, WString settings, PointerByReference result);

    int HcsRegisterProcessCallback(Pointer process, HcsNotificationCallback callback, Pointer context,
                                   PointerByReference callbackHandle);

    int HcsUnregisterProcessCallback(Pointer callbackHandle);
}
