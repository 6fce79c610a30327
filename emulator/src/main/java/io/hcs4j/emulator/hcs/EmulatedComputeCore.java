package io.hcs4j.emulator.hcs;

import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.ptr.PointerByReference;
import io.hcs4j.hcs.raw.ComputeCore;
import io.hcs4j.hcs.raw.HResults;
import io.hcs4j.hcs.raw.HcsEvent;
import io.hcs4j.hcs.raw.HcsEvents;
import io.hcs4j.hcs.raw.HcsProcessInformation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * computecore.dll in Java. Operations complete on the emulator's worker threads; HcsWaitForOperationResult blocks
 * for them; events reach the callback set on a handle from the emulator's event thread, with their data in native
 * memory freed after the callback returns. Functions the emulator does not provide answer E_PROC_NOT_FOUND, as a
 * missing export would.
 */
final class EmulatedComputeCore implements ComputeCore {
    private static final Logger LOG = LoggerFactory.getLogger(EmulatedComputeCore.class);

    private final Emulator emu;
    private final AtomicLong operationIds = new AtomicLong(1);

    EmulatedComputeCore(Emulator emu) {
        this.emu = emu;
    }

    // ---- objects behind handles

    private record Outcome(int hresult, String document, EmulatedProcess process) {
        static Outcome ok(String document) {
            return new Outcome(HResults.S_OK, document, null);
        }

        static Outcome of(HcsFault f) {
            return new Outcome(f.hresult, f.document(), null);
        }
    }

    private final class Operation {
        final long id = operationIds.getAndIncrement();
        final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        volatile Pointer handle;
        volatile Pointer context;
        volatile HcsOperationCompletion callback;
        volatile int type = HcsEvents.OPERATION_TYPE_NONE;
        volatile Pointer system;
        volatile Pointer process;
        private boolean started;

        synchronized void begin(int operationType) {
            if (started) {
                throw new HcsFault(HResults.HCS_E_OPERATION_ALREADY_STARTED, "operation already used");
            }
            started = true;
            type = operationType;
        }

        synchronized boolean started() {
            return started;
        }

        void finish(Outcome o) {
            if (outcome.complete(o)) {
                HcsOperationCompletion cb = callback;
                if (cb != null) {
                    emu.post(() -> cb.callback(handle, context));
                }
            }
        }
    }

    private final class SystemHandle implements EmulatedSystem.Watcher {
        final EmulatedSystem system;
        volatile HcsEventCallback callback;
        volatile Pointer context;

        SystemHandle(EmulatedSystem system) {
            this.system = system;
        }

        @Override
        public void systemExited(String data) {
            deliver(callback, context, HcsEvents.V2_SYSTEM_EXITED, data);
        }

        @Override
        public void serviceDisconnected() {
            deliver(callback, context, HcsEvents.V2_SERVICE_DISCONNECT, null);
        }
    }

    private final class ProcessHandle implements EmulatedProcess.Watcher {
        final EmulatedProcess process;
        volatile HcsEventCallback callback;
        volatile Pointer context;

        ProcessHandle(EmulatedProcess process) {
            this.process = process;
        }

        @Override
        public void processExited(String status) {
            deliver(callback, context, HcsEvents.V2_PROCESS_EXITED, status);
        }

        @Override
        public void serviceDisconnected() {
            deliver(callback, context, HcsEvents.V2_SERVICE_DISCONNECT, null);
        }
    }

    private void deliver(HcsEventCallback cb, Pointer context, int type, String data) {
        if (cb == null) {
            return;
        }
        HcsEvent event = new HcsEvent();
        event.Type = type;
        event.EventData = data == null ? null : emu.heap().allocate(data, NativeHeap.Allocator.EMULATOR);
        try {
            cb.callback(event, context);
        } catch (RuntimeException e) {
            LOG.warn("event callback failed", e);
        } finally {
            emu.heap().free(event.EventData, NativeHeap.Allocator.EMULATOR);
        }
    }

    // ---- plumbing

    private interface Body {
        int run();
    }

    private static int guard(Body body) {
        try {
            return body.run();
        } catch (HcsFault f) {
            return f.hresult;
        } catch (RejectedExecutionException e) {
            return HResults.HCS_E_SERVICE_DISCONNECT;
        }
    }

    private static String str(WString s) {
        return s == null ? null : s.toString();
    }

    private Operation begin(Pointer operation, int type) {
        emu.checkAlive();
        Operation op = emu.handles().get(operation, Operation.class);
        op.begin(type);
        return op;
    }

    /** Runs {@code work} on a worker and completes {@code op} with its result or fault. */
    private int async(Operation op, Supplier<Outcome> work) {
        emu.workers().execute(() -> {
            Outcome o;
            try {
                o = work.get();
            } catch (HcsFault f) {
                o = Outcome.of(f);
            } catch (RuntimeException e) {
                LOG.warn("emulated operation failed", e);
                o = Outcome.of(new HcsFault(HResults.E_FAIL, String.valueOf(e)));
            }
            op.finish(o);
        });
        return HResults.S_OK;
    }

    private SystemHandle system(Pointer handle) {
        return emu.handles().get(handle, SystemHandle.class);
    }

    private ProcessHandle process(Pointer handle) {
        return emu.handles().get(handle, ProcessHandle.class);
    }

    private Pointer openSystemHandle(EmulatedSystem s) {
        SystemHandle h = new SystemHandle(s);
        s.handleOpened();
        s.watchers.add(h);
        return emu.handles().add(h);
    }

    private Pointer openProcessHandle(EmulatedProcess p) {
        ProcessHandle h = new ProcessHandle(p);
        p.watchers.add(h);
        return emu.handles().add(h);
    }

    private void setResult(PointerByReference ref, String document) {
        if (ref != null && document != null && !document.isEmpty()) {
            ref.setValue(emu.heap().allocate(document, NativeHeap.Allocator.LOCAL));
        }
    }

    private static <T> T await(CompletableFuture<T> f, int timeoutMs) throws TimeoutException {
        try {
            return timeoutMs == -1 ? f.get() : f.get(Integer.toUnsignedLong(timeoutMs), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    // ---- operations

    @Override
    public Pointer HcsCreateOperation(Pointer context, HcsOperationCompletion callback) {
        Operation op = new Operation();
        op.context = context;
        op.callback = callback;
        op.handle = emu.handles().add(op);
        return op.handle;
    }

    @Override
    public void HcsCloseOperation(Pointer operation) {
        try {
            emu.handles().remove(operation, Operation.class);
        } catch (HcsFault ignored) {
            // closing an unknown handle is a no-op, as CloseHandle on garbage would be undefined
        }
    }

    @Override
    public Pointer HcsGetOperationContext(Pointer operation) {
        try {
            return emu.handles().get(operation, Operation.class).context;
        } catch (HcsFault f) {
            return null;
        }
    }

    @Override
    public int HcsSetOperationContext(Pointer operation, Pointer context) {
        return guard(() -> {
            emu.handles().get(operation, Operation.class).context = context;
            return HResults.S_OK;
        });
    }

    @Override
    public Pointer HcsGetComputeSystemFromOperation(Pointer operation) {
        try {
            return emu.handles().get(operation, Operation.class).system;
        } catch (HcsFault f) {
            return null;
        }
    }

    @Override
    public Pointer HcsGetProcessFromOperation(Pointer operation) {
        try {
            return emu.handles().get(operation, Operation.class).process;
        } catch (HcsFault f) {
            return null;
        }
    }

    @Override
    public int HcsGetOperationType(Pointer operation) {
        try {
            return emu.handles().get(operation, Operation.class).type;
        } catch (HcsFault f) {
            return HcsEvents.OPERATION_TYPE_NONE;
        }
    }

    @Override
    public long HcsGetOperationId(Pointer operation) {
        try {
            return emu.handles().get(operation, Operation.class).id;
        } catch (HcsFault f) {
            return -1L;
        }
    }

    @Override
    public int HcsGetOperationResult(Pointer operation, PointerByReference resultDocument) {
        return HcsGetOperationResultAndProcessInfo(operation, null, resultDocument);
    }

    @Override
    public int HcsGetOperationResultAndProcessInfo(Pointer operation, HcsProcessInformation processInformation,
                                                   PointerByReference resultDocument) {
        return guard(() -> {
            Operation op = emu.handles().get(operation, Operation.class);
            if (!op.started()) {
                return HResults.HCS_E_OPERATION_NOT_STARTED;
            }
            Outcome o = op.outcome.getNow(null);
            return o == null ? HResults.HCS_E_OPERATION_PENDING : report(o, processInformation, resultDocument);
        });
    }

    private int report(Outcome o, HcsProcessInformation info, PointerByReference resultDocument) {
        setResult(resultDocument, o.document());
        if (info != null && o.process() != null) {
            EmulatedProcess p = o.process();
            info.ProcessId = p.pid;
            info.StdInput = p.stdIn < 0 ? null : new Pointer(p.stdIn);
            info.StdOutput = p.stdOut < 0 ? null : new Pointer(p.stdOut);
            info.StdError = p.stdErr < 0 ? null : new Pointer(p.stdErr);
            info.write();
        }
        return o.hresult();
    }

    @Override
    public int HcsWaitForOperationResult(Pointer operation, int timeoutMs, PointerByReference resultDocument) {
        return HcsWaitForOperationResultAndProcessInfo(operation, timeoutMs, null, resultDocument);
    }

    @Override
    public int HcsWaitForOperationResultAndProcessInfo(Pointer operation, int timeoutMs,
                                                       HcsProcessInformation processInformation,
                                                       PointerByReference resultDocument) {
        return guard(() -> {
            Operation op = emu.handles().get(operation, Operation.class);
            if (!op.started()) {
                return HResults.HCS_E_OPERATION_NOT_STARTED;
            }
            try {
                return report(await(op.outcome, timeoutMs), processInformation, resultDocument);
            } catch (TimeoutException e) {
                return HResults.HCS_E_OPERATION_TIMEOUT;
            }
        });
    }

    @Override
    public int HcsSetOperationCallback(Pointer operation, Pointer context, HcsOperationCompletion callback) {
        return guard(() -> {
            Operation op = emu.handles().get(operation, Operation.class);
            op.context = context;
            op.callback = callback;
            return HResults.S_OK;
        });
    }

    /** Completes the operation at once with E_ABORT; the work it started finishes unobserved. */
    @Override
    public int HcsCancelOperation(Pointer operation) {
        return guard(() -> {
            Operation op = emu.handles().get(operation, Operation.class);
            op.finish(Outcome.of(new HcsFault(HResults.E_ABORT, "operation cancelled")));
            return HResults.S_OK;
        });
    }

    // ---- compute systems

    @Override
    public int HcsEnumerateComputeSystems(WString query, Pointer operation) {
        return guard(() -> {
            Operation op = begin(operation, 0);
            String q = str(query);
            return async(op, () -> Outcome.ok(emu.enumerate(q)));
        });
    }

    @Override
    public int HcsEnumerateComputeSystemsInNamespace(WString idNamespace, WString query, Pointer operation) {
        return HResults.E_PROC_NOT_FOUND;
    }

    @Override
    public int HcsGetProcessorCompatibilityFromSavedState(WString runtimeFileName,
                                                          PointerByReference processorFeaturesString) {
        return HResults.E_PROC_NOT_FOUND;
    }

    @Override
    public int HcsCreateComputeSystem(WString id, WString configuration, Pointer operation,
                                      Pointer securityDescriptor, PointerByReference computeSystem) {
        return guard(() -> {
            Operation op = begin(operation, 1);
            EmulatedSystem s;
            try {
                s = emu.create(str(id), str(configuration));
            } catch (HcsFault f) {
                return async(op, () -> Outcome.of(f));
            }
            Pointer h = openSystemHandle(s);
            computeSystem.setValue(h);
            op.system = h;
            return async(op, () -> Outcome.ok(null));
        });
    }

    @Override
    public int HcsCreateComputeSystemInNamespace(WString idNamespace, WString id, WString configuration,
                                                 Pointer operation, Pointer options,
                                                 PointerByReference computeSystem) {
        return HResults.E_PROC_NOT_FOUND;
    }

    @Override
    public int HcsOpenComputeSystem(WString id, int requestedAccess, PointerByReference computeSystem) {
        return guard(() -> {
            computeSystem.setValue(openSystemHandle(emu.find(str(id))));
            return HResults.S_OK;
        });
    }

    @Override
    public int HcsOpenComputeSystemInNamespace(WString idNamespace, WString id, int requestedAccess,
                                               PointerByReference computeSystem) {
        return HResults.E_PROC_NOT_FOUND;
    }

    @Override
    public void HcsCloseComputeSystem(Pointer computeSystem) {
        SystemHandle h;
        try {
            h = emu.handles().remove(computeSystem, SystemHandle.class);
        } catch (HcsFault f) {
            return;
        }
        h.callback = null;
        h.system.watchers.remove(h);
        h.system.handleClosed();
    }

    /** {@link #systemOp} for an operation that returns no result document. */
    private int systemAction(Pointer handle, Pointer operation, int type, java.util.function.Consumer<EmulatedSystem> work) {
        return systemOp(handle, operation, type, s -> {
            work.accept(s);
            return null;
        });
    }

    /** Resolves the system handle now (E_HANDLE at once), runs {@code op} on a worker. */
    private int systemOp(Pointer handle, Pointer operation, int type, java.util.function.Function<EmulatedSystem, String> work) {
        return guard(() -> {
            EmulatedSystem s = system(handle).system;
            Operation op = begin(operation, type);
            op.system = handle;
            return async(op, () -> Outcome.ok(work.apply(s)));
        });
    }

    @Override
    public int HcsStartComputeSystem(Pointer computeSystem, Pointer operation, WString options) {
        return systemAction(computeSystem, operation, 2, EmulatedSystem::start);
    }

    @Override
    public int HcsShutDownComputeSystem(Pointer computeSystem, Pointer operation, WString options) {
        return systemAction(computeSystem, operation, 3, EmulatedSystem::shutdown);
    }

    @Override
    public int HcsTerminateComputeSystem(Pointer computeSystem, Pointer operation, WString options) {
        return systemAction(computeSystem, operation, 7, EmulatedSystem::terminate);
    }

    @Override
    public int HcsCrashComputeSystem(Pointer computeSystem, Pointer operation, WString options) {
        return systemAction(computeSystem, operation, 15, EmulatedSystem::crash);
    }

    @Override
    public int HcsPauseComputeSystem(Pointer computeSystem, Pointer operation, WString options) {
        return systemAction(computeSystem, operation, 4, EmulatedSystem::pause);
    }

    @Override
    public int HcsResumeComputeSystem(Pointer computeSystem, Pointer operation, WString options) {
        return systemAction(computeSystem, operation, 5, EmulatedSystem::resume);
    }

    @Override
    public int HcsSaveComputeSystem(Pointer computeSystem, Pointer operation, WString options) {
        String o = str(options);
        return systemAction(computeSystem, operation, 6, s -> s.save(o));
    }

    @Override
    public int HcsGetComputeSystemProperties(Pointer computeSystem, Pointer operation, WString propertyQuery) {
        String q = str(propertyQuery);
        return systemOp(computeSystem, operation, 9, s -> s.properties(q));
    }

    @Override
    public int HcsModifyComputeSystem(Pointer computeSystem, Pointer operation, WString configuration,
                                      Pointer identity) {
        String c = str(configuration);
        return systemAction(computeSystem, operation, 8, s -> s.modify(c));
    }

    @Override
    public int HcsWaitForComputeSystemExit(Pointer computeSystem, int timeoutMs, PointerByReference result) {
        return guard(() -> {
            EmulatedSystem s = system(computeSystem).system;
            try {
                String data = await(s.exited, timeoutMs);
                if (data == null) {
                    return HResults.HCS_E_SERVICE_DISCONNECT;
                }
                setResult(result, data);
                return HResults.S_OK;
            } catch (TimeoutException e) {
                return HResults.HCS_E_OPERATION_TIMEOUT;
            }
        });
    }

    @Override
    public int HcsSetComputeSystemCallback(Pointer computeSystem, int callbackOptions, Pointer context,
                                           HcsEventCallback callback) {
        return guard(() -> {
            SystemHandle h = system(computeSystem);
            h.context = context;
            h.callback = callback;
            String exitData = h.system.exitData();
            if (exitData != null) {
                emu.post(() -> deliver(callback, context, HcsEvents.V2_SYSTEM_EXITED, exitData));
            }
            return HResults.S_OK;
        });
    }

    // ---- processes

    @Override
    public int HcsCreateProcess(Pointer computeSystem, WString processParameters, Pointer operation,
                                Pointer securityDescriptor, PointerByReference process) {
        return guard(() -> {
            EmulatedSystem s = system(computeSystem).system;
            Operation op = begin(operation, 10);
            op.system = computeSystem;
            EmulatedProcess p;
            try {
                p = s.createProcess(str(processParameters));
            } catch (HcsFault f) {
                return async(op, () -> Outcome.of(f));
            }
            Pointer h = openProcessHandle(p);
            process.setValue(h);
            op.process = h;
            return async(op, () -> new Outcome(HResults.S_OK, null, p));
        });
    }

    @Override
    public int HcsOpenProcess(Pointer computeSystem, int processId, int requestedAccess, PointerByReference process) {
        return guard(() -> {
            emu.checkAlive();
            process.setValue(openProcessHandle(system(computeSystem).system.process(processId)));
            return HResults.S_OK;
        });
    }

    @Override
    public void HcsCloseProcess(Pointer process) {
        ProcessHandle h;
        try {
            h = emu.handles().remove(process, ProcessHandle.class);
        } catch (HcsFault f) {
            return;
        }
        h.callback = null;
        h.process.watchers.remove(h);
    }

    private int processOp(Pointer handle, Pointer operation, int type,
                          java.util.function.Function<EmulatedProcess, String> work) {
        return guard(() -> {
            EmulatedProcess p = process(handle).process;
            Operation op = begin(operation, type);
            op.process = handle;
            return async(op, () -> Outcome.ok(work.apply(p)));
        });
    }

    @Override
    public int HcsTerminateProcess(Pointer process, Pointer operation, WString options) {
        return processOp(process, operation, 11, p -> {
            p.terminate();
            return null;
        });
    }

    @Override
    public int HcsSignalProcess(Pointer process, Pointer operation, WString options) {
        String o = str(options);
        return processOp(process, operation, 11, p -> {
            Signals.deliver(p, o);
            return null;
        });
    }

    @Override
    public int HcsGetProcessInfo(Pointer process, Pointer operation) {
        return processOp(process, operation, 12, p -> null);
    }

    @Override
    public int HcsGetProcessProperties(Pointer process, Pointer operation, WString propertyQuery) {
        return processOp(process, operation, 13, EmulatedProcess::status);
    }

    @Override
    public int HcsModifyProcess(Pointer process, Pointer operation, WString settings) {
        String s = str(settings);
        return processOp(process, operation, 14, p -> {
            Signals.modify(p, s);
            return null;
        });
    }

    @Override
    public int HcsSetProcessCallback(Pointer process, int callbackOptions, Pointer context,
                                     HcsEventCallback callback) {
        return guard(() -> {
            ProcessHandle h = process(process);
            h.context = context;
            h.callback = callback;
            if (h.process.exited()) {
                String status = h.process.status();
                emu.post(() -> deliver(callback, context, HcsEvents.V2_PROCESS_EXITED, status));
            }
            return HResults.S_OK;
        });
    }

    @Override
    public int HcsWaitForProcessExit(Pointer process, int timeoutMs, PointerByReference result) {
        return guard(() -> {
            EmulatedProcess p = process(process).process;
            try {
                await(p.exit, timeoutMs);
            } catch (TimeoutException e) {
                return HResults.HCS_E_OPERATION_TIMEOUT;
            }
            setResult(result, p.status());
            return HResults.S_OK;
        });
    }

    // ---- service

    @Override
    public int HcsGetServiceProperties(WString propertyQuery, PointerByReference result) {
        try {
            emu.checkAlive();
            setResult(result, ServiceProperties.query(str(propertyQuery)));
            return HResults.S_OK;
        } catch (HcsFault f) {
            setResult(result, f.document());
            return f.hresult;
        }
    }

    @Override
    public int HcsModifyServiceSettings(WString settings, PointerByReference result) {
        try {
            emu.checkAlive();
            ServiceProperties.modify(str(settings));
            return HResults.S_OK;
        } catch (HcsFault f) {
            setResult(result, f.document());
            return f.hresult;
        }
    }

    @Override
    public int HcsSubmitWerReport(WString settings) {
        return HResults.E_PROC_NOT_FOUND;
    }

    @Override
    public int HcsCreateEmptyGuestStateFile(WString guestStateFilePath) {
        return HResults.E_PROC_NOT_FOUND;
    }

    @Override
    public int HcsCreateEmptyRuntimeStateFile(WString runtimeStateFilePath) {
        return HResults.E_PROC_NOT_FOUND;
    }

    /** Access grants need no ACLs on the emulator's host: they check that the VM and the file exist. */
    @Override
    public int HcsGrantVmAccess(WString vmId, WString filePath) {
        return guard(() -> {
            emu.find(str(vmId));
            return fileExists(filePath);
        });
    }

    @Override
    public int HcsRevokeVmAccess(WString vmId, WString filePath) {
        return HcsGrantVmAccess(vmId, filePath);
    }

    @Override
    public int HcsGrantVmGroupAccess(WString filePath) {
        return guard(() -> fileExists(filePath));
    }

    @Override
    public int HcsRevokeVmGroupAccess(WString filePath) {
        return guard(() -> fileExists(filePath));
    }

    private static int fileExists(WString path) {
        return path != null && Files.exists(Path.of(path.toString())) ? HResults.S_OK : HResults.E_FILE_NOT_FOUND;
    }
}
