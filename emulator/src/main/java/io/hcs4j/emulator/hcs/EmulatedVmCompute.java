package io.hcs4j.emulator.hcs;

import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.ptr.PointerByReference;
import io.hcs4j.hcs.raw.HResults;
import io.hcs4j.hcs.raw.HcsEvents;
import io.hcs4j.hcs.raw.HcsProcessInformation;
import io.hcs4j.hcs.raw.VmCompute;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * vmcompute.dll in Java. Create, start, pause, resume, save, shutdown and terminate answer "operation pending"
 * (0xC0370103) and finish on a worker thread; the completion notification goes to the callback registered on the
 * handle the call was made on (held back until one is registered). Errors use the 0xC037xxxx forms of vmcompute.
 */
final class EmulatedVmCompute implements VmCompute {
    private static final Logger LOG = LoggerFactory.getLogger(EmulatedVmCompute.class);

    private final Emulator emu;

    EmulatedVmCompute(Emulator emu) {
        this.emu = emu;
    }

    private record Notification(int type, int status, String data) {
    }

    /** A handle's registered callback, and the notifications that arrived before one was registered. */
    private class Subscriber {
        private HcsNotificationCallback callback;
        private Pointer context;
        private final List<Notification> held = new ArrayList<>();

        synchronized void notify(int type, int status, String data) {
            Notification n = new Notification(type, status, data);
            if (callback == null) {
                held.add(n);
            } else {
                HcsNotificationCallback cb = callback;
                Pointer ctx = context;
                emu.post(() -> deliver(cb, ctx, n));
            }
        }

        synchronized void register(HcsNotificationCallback cb, Pointer ctx) {
            callback = cb;
            context = ctx;
            for (Notification n : held) {
                emu.post(() -> deliver(cb, ctx, n));
            }
            held.clear();
        }

        synchronized void unregister() {
            callback = null;
            context = null;
        }
    }

    private final class SystemHandle extends Subscriber implements EmulatedSystem.Watcher {
        final EmulatedSystem system;

        SystemHandle(EmulatedSystem system) {
            this.system = system;
        }

        @Override
        public void systemExited(String data) {
            notify(HcsEvents.V1_SYSTEM_EXITED, HResults.S_OK, data);
        }

        @Override
        public void serviceDisconnected() {
            notify(HcsEvents.V1_SERVICE_DISCONNECT, HResults.S_OK, null);
        }
    }

    private final class ProcessHandle extends Subscriber implements EmulatedProcess.Watcher {
        final EmulatedProcess process;

        ProcessHandle(EmulatedProcess process) {
            this.process = process;
        }

        @Override
        public void processExited(String status) {
            notify(HcsEvents.V1_PROCESS_EXITED, HResults.S_OK, status);
        }

        @Override
        public void serviceDisconnected() {
            notify(HcsEvents.V1_SERVICE_DISCONNECT, HResults.S_OK, null);
        }
    }

    /** What a callback registration handle refers to. */
    private record Registration(Subscriber subscriber) {
    }

    private void deliver(HcsNotificationCallback cb, Pointer ctx, Notification n) {
        Pointer data = n.data() == null ? null : emu.heap().allocate(n.data(), NativeHeap.Allocator.EMULATOR);
        try {
            cb.callback(n.type(), ctx, n.status(), data);
        } catch (RuntimeException e) {
            LOG.warn("notification callback failed", e);
        } finally {
            emu.heap().free(data, NativeHeap.Allocator.EMULATOR);
        }
    }

    // ---- plumbing

    private interface Body {
        int run();
    }

    /** Runs a call; a fault becomes its 0xC037 HRESULT plus the result document in {@code result}. */
    private int call(PointerByReference result, Body body) {
        try {
            return body.run();
        } catch (HcsFault f) {
            int hr = HResults.toV1(f.hresult);
            setResult(result, f.document(hr));
            return hr;
        } catch (RejectedExecutionException e) {
            return HResults.HCS_E_SERVICE_DISCONNECT;
        }
    }

    private void setResult(PointerByReference ref, String document) {
        if (ref != null && document != null && !document.isEmpty()) {
            ref.setValue(emu.heap().allocate(document, NativeHeap.Allocator.CO_TASK_MEM));
        }
    }

    private static String str(WString s) {
        return s == null ? null : s.toString();
    }

    private SystemHandle system(Pointer h) {
        emu.checkAlive();
        return emu.handles().get(h, SystemHandle.class);
    }

    private ProcessHandle process(Pointer h) {
        emu.checkAlive();
        return emu.handles().get(h, ProcessHandle.class);
    }

    private Pointer openSystemHandle(EmulatedSystem s) {
        SystemHandle h = new SystemHandle(s);
        s.handleOpened();
        s.watchers.add(h);
        return emu.handles().add(h);
    }

    /** Runs {@code work} on a worker, then notifies {@code completion} on {@code h}; answers pending. */
    private int pending(SystemHandle h, int completion, Consumer<EmulatedSystem> work) {
        emu.workers().execute(() -> {
            try {
                work.accept(h.system);
                if (completion != 0) {
                    h.notify(completion, HResults.S_OK, null);
                }
            } catch (HcsFault f) {
                if (completion != 0) {
                    h.notify(completion, HResults.toV1(f.hresult), f.document(HResults.toV1(f.hresult)));
                } else {
                    LOG.debug("{}: {}", h.system.id, f.toString());
                }
            }
        });
        return HResults.V1_OPERATION_PENDING;
    }

    // ---- compute systems

    @Override
    public int HcsEnumerateComputeSystems(WString query, PointerByReference computeSystems,
                                          PointerByReference result) {
        return call(result, () -> {
            setResult(computeSystems, emu.enumerate(str(query)));
            return HResults.S_OK;
        });
    }

    @Override
    public int HcsCreateComputeSystem(WString id, WString configuration, Pointer identity,
                                      PointerByReference computeSystem, PointerByReference result) {
        return call(result, () -> {
            Pointer h = openSystemHandle(emu.create(str(id), str(configuration)));
            computeSystem.setValue(h);
            return pending(emu.handles().get(h, SystemHandle.class), HcsEvents.V1_SYSTEM_CREATE_COMPLETED, s -> { });
        });
    }

    @Override
    public int HcsOpenComputeSystem(WString id, PointerByReference computeSystem, PointerByReference result) {
        return call(result, () -> {
            computeSystem.setValue(openSystemHandle(emu.find(str(id))));
            return HResults.S_OK;
        });
    }

    @Override
    public int HcsCloseComputeSystem(Pointer computeSystem) {
        SystemHandle h;
        try {
            h = emu.handles().remove(computeSystem, SystemHandle.class);
        } catch (HcsFault f) {
            return f.hresult;
        }
        h.unregister();
        h.system.watchers.remove(h);
        h.system.handleClosed();
        return HResults.S_OK;
    }

    @Override
    public int HcsStartComputeSystem(Pointer computeSystem, WString options, PointerByReference result) {
        return call(result, () -> pending(system(computeSystem), HcsEvents.V1_SYSTEM_START_COMPLETED,
                EmulatedSystem::start));
    }

    @Override
    public int HcsShutdownComputeSystem(Pointer computeSystem, WString options, PointerByReference result) {
        return call(result, () -> pending(stoppable(computeSystem), 0, EmulatedSystem::shutdown));
    }

    @Override
    public int HcsTerminateComputeSystem(Pointer computeSystem, WString options, PointerByReference result) {
        return call(result, () -> pending(stoppable(computeSystem), 0, EmulatedSystem::terminate));
    }

    /** Shutdown/terminate report an already stopped system at once (hcsshim relies on that). */
    private SystemHandle stoppable(Pointer computeSystem) {
        SystemHandle h = system(computeSystem);
        if (h.system.state() == EmulatedSystem.State.STOPPED) {
            throw new HcsFault(HResults.HCS_E_SYSTEM_ALREADY_STOPPED, "system " + h.system.id + " already stopped");
        }
        return h;
    }

    @Override
    public int HcsPauseComputeSystem(Pointer computeSystem, WString options, PointerByReference result) {
        return call(result, () -> pending(system(computeSystem), HcsEvents.V1_SYSTEM_PAUSE_COMPLETED,
                EmulatedSystem::pause));
    }

    @Override
    public int HcsResumeComputeSystem(Pointer computeSystem, WString options, PointerByReference result) {
        return call(result, () -> pending(system(computeSystem), HcsEvents.V1_SYSTEM_RESUME_COMPLETED,
                EmulatedSystem::resume));
    }

    @Override
    public int HcsSaveComputeSystem(Pointer computeSystem, WString options, PointerByReference result) {
        String o = str(options);
        return call(result, () -> pending(system(computeSystem), HcsEvents.V1_SYSTEM_SAVE_COMPLETED,
                s -> s.save(o)));
    }

    @Override
    public int HcsGetComputeSystemProperties(Pointer computeSystem, WString propertyQuery,
                                             PointerByReference properties, PointerByReference result) {
        return call(result, () -> {
            setResult(properties, system(computeSystem).system.properties(str(propertyQuery)));
            return HResults.S_OK;
        });
    }

    @Override
    public int HcsModifyComputeSystem(Pointer computeSystem, WString configuration, PointerByReference result) {
        return call(result, () -> {
            system(computeSystem).system.modify(str(configuration));
            return HResults.S_OK;
        });
    }

    // ---- service

    @Override
    public int HcsModifyServiceSettings(WString settings, PointerByReference result) {
        return call(result, () -> {
            emu.checkAlive();
            ServiceProperties.modify(str(settings));
            return HResults.S_OK;
        });
    }

    @Override
    public int HcsGetServiceProperties(WString propertyQuery, PointerByReference properties,
                                       PointerByReference result) {
        return call(result, () -> {
            emu.checkAlive();
            setResult(properties, ServiceProperties.query(str(propertyQuery)));
            return HResults.S_OK;
        });
    }

    // ---- callbacks

    @Override
    public int HcsRegisterComputeSystemCallback(Pointer computeSystem, HcsNotificationCallback callback,
                                                Pointer context, PointerByReference callbackHandle) {
        return call(null, () -> {
            SystemHandle h = system(computeSystem);
            h.register(callback, context);
            callbackHandle.setValue(emu.handles().add(new Registration(h)));
            return HResults.S_OK;
        });
    }

    @Override
    public int HcsUnregisterComputeSystemCallback(Pointer callbackHandle) {
        try {
            emu.handles().remove(callbackHandle, Registration.class).subscriber().unregister();
            return HResults.S_OK;
        } catch (HcsFault f) {
            return f.hresult;
        }
    }

    @Override
    public int HcsRegisterProcessCallback(Pointer process, HcsNotificationCallback callback, Pointer context,
                                          PointerByReference callbackHandle) {
        return call(null, () -> {
            ProcessHandle h = process(process);
            h.register(callback, context);
            if (h.process.exited()) {
                h.processExited(h.process.status());
            }
            callbackHandle.setValue(emu.handles().add(new Registration(h)));
            return HResults.S_OK;
        });
    }

    @Override
    public int HcsUnregisterProcessCallback(Pointer callbackHandle) {
        return HcsUnregisterComputeSystemCallback(callbackHandle);
    }

    // ---- processes

    @Override
    public int HcsCreateProcess(Pointer computeSystem, WString processParameters,
                                HcsProcessInformation processInformation, PointerByReference process,
                                PointerByReference result) {
        return call(result, () -> {
            EmulatedProcess p = system(computeSystem).system.createProcess(str(processParameters));
            process.setValue(openProcessHandle(p));
            processInformation.ProcessId = p.pid;
            processInformation.StdInput = p.stdIn < 0 ? null : new Pointer(p.stdIn);
            processInformation.StdOutput = p.stdOut < 0 ? null : new Pointer(p.stdOut);
            processInformation.StdError = p.stdErr < 0 ? null : new Pointer(p.stdErr);
            processInformation.write();
            return HResults.S_OK;
        });
    }

    private Pointer openProcessHandle(EmulatedProcess p) {
        ProcessHandle h = new ProcessHandle(p);
        p.watchers.add(h);
        return emu.handles().add(h);
    }

    @Override
    public int HcsOpenProcess(Pointer computeSystem, int pid, PointerByReference process,
                              PointerByReference result) {
        return call(result, () -> {
            process.setValue(openProcessHandle(system(computeSystem).system.process(pid)));
            return HResults.S_OK;
        });
    }

    @Override
    public int HcsCloseProcess(Pointer process) {
        ProcessHandle h;
        try {
            h = emu.handles().remove(process, ProcessHandle.class);
        } catch (HcsFault f) {
            return f.hresult;
        }
        h.unregister();
        h.process.watchers.remove(h);
        return HResults.S_OK;
    }

    @Override
    public int HcsTerminateProcess(Pointer process, PointerByReference result) {
        return call(result, () -> {
            process(process).process.terminate();
            return HResults.S_OK;
        });
    }

    @Override
    public int HcsSignalProcess(Pointer process, WString options, PointerByReference result) {
        return call(result, () -> {
            Signals.deliver(process(process).process, str(options));
            return HResults.S_OK;
        });
    }

    @Override
    public int HcsGetProcessInfo(Pointer process, HcsProcessInformation processInformation,
                                 PointerByReference result) {
        return call(result, () -> {
            processInformation.ProcessId = process(process).process.pid;
            processInformation.write();
            return HResults.S_OK;
        });
    }

    @Override
    public int HcsGetProcessProperties(Pointer process, PointerByReference processProperties,
                                       PointerByReference result) {
        return call(result, () -> {
            setResult(processProperties, process(process).process.status());
            return HResults.S_OK;
        });
    }

    @Override
    public int HcsModifyProcess(Pointer process, WString settings, PointerByReference result) {
        return call(result, () -> {
            Signals.modify(process(process).process, str(settings));
            return HResults.S_OK;
        });
    }
}
