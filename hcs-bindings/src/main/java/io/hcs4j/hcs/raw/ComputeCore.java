package io.hcs4j.hcs.raw;

import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.Callback;
import com.sun.jna.Library;

/**
 * computecore.dll, the documented HCS v2 API, one method per function of the Windows SDK's
 * {@code computecore.h} in the same order. Type mapping: HRESULT/DWORD/enums are {@code int}, UINT64 is
 * {@code long}, HCS_OPERATION/HCS_SYSTEM/HCS_PROCESS/HANDLE and other pointers are {@link Pointer}, PCWSTR
 * is {@link WString}, {@code PWSTR*} is {@link PointerByReference} (the string is allocated by HCS and must be
 * freed with LocalFree). {@code ComputeCoreSignatureTest} checks this interface against the header.
 *
 * <p>Implemented by a JNA proxy on Windows and by the emulator elsewhere. HCS exists only on 64-bit Windows, where
 * WINAPI (stdcall) and the C convention are one and the same, so plain {@link Library} / {@link Callback} are used:
 * that also lets the callbacks be called natively on other hosts in tests.
 */
public interface ComputeCore extends Library {

    /** HCS_OPERATION_COMPLETION. */
    interface HcsOperationCompletion extends Callback {
        void callback(Pointer operation, Pointer context);
    }

    /** HCS_EVENT_CALLBACK. */
    interface HcsEventCallback extends Callback {
        void callback(HcsEvent event, Pointer context);
    }

    int HcsEnumerateComputeSystems(WString query, Pointer operation);

    int HcsEnumerateComputeSystemsInNamespace(WString idNamespace, WString query, Pointer operation);

    Pointer HcsCreateOperation(Pointer context, HcsOperationCompletion callback);

    void HcsCloseOperation(Pointer operation);

    Pointer HcsGetOperationContext(Pointer operation);

    int HcsSetOperationContext(Pointer operation, Pointer context);

    Pointer HcsGetComputeSystemFromOperation(Pointer operation);

    Pointer HcsGetProcessFromOperation(Pointer operation);

    int HcsGetOperationType(Pointer operation);

    long HcsGetOperationId(Pointer operation);

    int HcsGetOperationResult(Pointer operation, PointerByReference resultDocument);

    int HcsGetOperationResultAndProcessInfo(Pointer operation, HcsProcessInformation processInformation,
                                            PointerByReference resultDocument);

    int HcsGetProcessorCompatibilityFromSavedState(WString runtimeFileName, PointerByReference processorFeaturesString);

    int HcsWaitForOperationResult(Pointer operation, int timeoutMs, PointerByReference resultDocument);

    int HcsWaitForOperationResultAndProcessInfo(Pointer operation, int timeoutMs,
                                                HcsProcessInformation processInformation,
                                                PointerByReference resultDocument);

    int HcsSetOperationCallback(Pointer operation, Pointer context, HcsOperationCompletion callback);

    int HcsCancelOperation(Pointer operation);

    int HcsCreateComputeSystem(WString id, WString configuration, Pointer operation, Pointer securityDescriptor,
                               PointerByReference computeSystem);

    int HcsCreateComputeSystemInNamespace(WString idNamespace, WString id, WString configuration, Pointer operation,
                                          Pointer options, PointerByReference computeSystem);

    int HcsOpenComputeSystem(WString id, int requestedAccess, PointerByReference computeSystem);

    int HcsOpenComputeSystemInNamespace(WString idNamespace, WString id, int requestedAccess,
                                        PointerByReference computeSystem);

    void HcsCloseComputeSystem(Pointer computeSystem);

    int HcsStartComputeSystem(Pointer computeSystem, Pointer operation, WString options);

    int HcsShutDownComputeSystem(Pointer computeSystem, Pointer operation, WString options);

    int HcsTerminateComputeSystem(Pointer computeSystem, Pointer operation, WString options);

    int HcsCrashComputeSystem(Pointer computeSystem, Pointer operation, WString options);

    int HcsPauseComputeSystem(Pointer computeSystem, Pointer operation, WString options);

    int HcsResumeComputeSystem(Pointer computeSystem, Pointer operation, WString options);

    int HcsSaveComputeSystem(Pointer computeSystem, Pointer operation, WString options);

    int HcsGetComputeSystemProperties(Pointer computeSystem, Pointer operation, WString propertyQuery);

    int HcsModifyComputeSystem(Pointer computeSystem, Pointer operation, WString configuration, Pointer identity);

    int HcsWaitForComputeSystemExit(Pointer computeSystem, int timeoutMs, PointerByReference result);

    int HcsSetComputeSystemCallback(Pointer computeSystem, int callbackOptions, Pointer context,
                                    HcsEventCallback callback);

    int HcsCreateProcess(Pointer computeSystem, WString processParameters, Pointer operation,
                         Pointer securityDescriptor, PointerByReference process);

    int HcsOpenProcess(Pointer computeSystem, int processId, int requestedAccess, PointerByReference process);

    void HcsCloseProcess(Pointer process);

    int HcsTerminateProcess(Pointer process, Pointer operation, WString options);

    int HcsSignalProcess(Pointer process, Pointer operation, WString options);

    int HcsGetProcessInfo(Pointer process, Pointer operation);

    int HcsGetProcessProperties(Pointer process, Pointer operation, WString propertyQuery);

    int HcsModifyProcess(Pointer process, Pointer operation, WString settings);

    int HcsSetProcessCallback(Pointer process, int callbackOptions, Pointer context, HcsEventCallback callback);

    int HcsWaitForProcessExit(Pointer process, int timeoutMs, PointerByReference result);

    int HcsGetServiceProperties(WString propertyQuery, PointerByReference result);

    int HcsModifyServiceSettings(WString settings, PointerByReference result);

    int HcsSubmitWerReport(WString settings);

    int HcsCreateEmptyGuestStateFile(WString guestStateFilePath);

    int HcsCreateEmptyRuntimeStateFile(WString runtimeStateFilePath);

    int HcsGrantVmAccess(WString vmId, WString filePath);

    int HcsRevokeVmAccess(WString vmId, WString filePath);

    int HcsGrantVmGroupAccess(WString filePath);

    int HcsRevokeVmGroupAccess(WString filePath);
}
