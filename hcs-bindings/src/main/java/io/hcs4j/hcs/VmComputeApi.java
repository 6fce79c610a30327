package io.hcs4j.hcs;

import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.ptr.PointerByReference;
import io.hcs4j.hcs.raw.HResults;
import io.hcs4j.hcs.raw.HcsEvents;
import io.hcs4j.hcs.raw.HcsProcessInformation;
import io.hcs4j.hcs.raw.Utf16;
import io.hcs4j.hcs.raw.VmCompute;
import io.hcs4j.hcs.spi.HcsBackend;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * HCS v1 (vmcompute.dll): calls return synchronously or with "operation pending", in which case the matching
 * completion notification arrives through the callback registered on the handle (as hcsshim waits for them).
 * SystemExited while waiting means an unexpected exit, ServiceDisconnect a lost service, no notification a timeout.
 */
final class VmComputeApi implements HcsApi {
    /** One callback object for every handle: static, so it stays reachable as long as native code may call it. */
    static final VmCompute.HcsNotificationCallback CALLBACK = VmComputeApi::onNotification;
    /** Completion waits and native callback registrations by context id. */
    private static final Map<Long, Waits> WAITS = new ConcurrentHashMap<>();
    private static final Map<Long, Pointer> REGISTRATIONS = new ConcurrentHashMap<>();

    private final VmCompute vc;
    private final HcsBackend backend;

    VmComputeApi(HcsBackend backend) {
        this.backend = backend;
        this.vc = backend.vmCompute();
    }

    private record Notification(int type, int status, String data) {
    }

    /** Notifications received for one system handle, queued per type until an operation waits for them. */
    private static final class Waits {
        private final Map<Integer, BlockingQueue<Notification>> queues = new HashMap<>();
        private Notification terminal;

        synchronized void deliver(Notification n) {
            if (n.type() == HcsEvents.V1_SYSTEM_EXITED || n.type() == HcsEvents.V1_SERVICE_DISCONNECT) {
                terminal = n;
                queues.values().forEach(q -> q.offer(n));
            } else {
                queue(n.type()).offer(n);
            }
        }

        synchronized BlockingQueue<Notification> queue(int type) {
            return queues.computeIfAbsent(type, t -> {
                BlockingQueue<Notification> q = new LinkedBlockingQueue<>();
                if (terminal != null) {
                    q.offer(terminal);
                }
                return q;
            });
        }

        void await(String what, int type, Duration timeout) throws HcsException {
            Notification n;
            try {
                n = queue(type).poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HcsException(what, HcsErrorKind.OTHER, "interrupted while waiting for completion");
            }
            if (n == null) {
                throw new HcsException(what, HcsErrorKind.TIMEOUT, "no completion within " + timeout.toMillis() + " ms");
            }
            if (n.type() == HcsEvents.V1_SYSTEM_EXITED) {
                throw new HcsException(what, HcsErrorKind.UNEXPECTED_EXIT, "the system exited during the operation");
            }
            if (n.type() == HcsEvents.V1_SERVICE_DISCONNECT) {
                throw new HcsException(what, HcsErrorKind.SERVICE_DISCONNECT, "lost the compute service");
            }
            if (HResults.failed(n.status())) {
                throw new HcsException(what, n.status(), Documents.result(n.data()));
            }
        }
    }

    private static void onNotification(int type, Pointer context, int status, Pointer data) {
        long ctx = Pointer.nativeValue(context);
        String text = Utf16.read(data);
        Waits waits = WAITS.get(ctx);
        if (waits != null) {
            waits.deliver(new Notification(type, status, text));
        }
        switch (type) {
            case HcsEvents.V1_SYSTEM_EXITED -> EventRouter.dispatch(ctx, EventRouter.Kind.SYSTEM_EXITED, text);
            case HcsEvents.V1_PROCESS_EXITED -> EventRouter.dispatch(ctx, EventRouter.Kind.PROCESS_EXITED, text);
            case HcsEvents.V1_SERVICE_DISCONNECT ->
                    EventRouter.dispatch(ctx, EventRouter.Kind.SERVICE_DISCONNECT, text);
            default -> { }
        }
    }

    @Override
    public String name() {
        return "vmcompute";
    }

    private static WString w(String s) {
        return s == null ? null : new WString(s);
    }

    private String take(PointerByReference ref) {
        Pointer p = ref.getValue();
        if (p == null) {
            return null;
        }
        try {
            return Utf16.read(p);
        } finally {
            backend.coTaskMemFree(p);
        }
    }

    /** Throws for a failed HRESULT (pending is not a failure here); returns whether the call is pending. */
    private static boolean check(String what, int hr, String result) throws HcsException {
        if (hr == HResults.V1_OPERATION_PENDING) {
            return true;
        }
        if (HResults.failed(hr)) {
            throw new HcsException(what, hr, Documents.result(result));
        }
        return false;
    }

    @Override
    public Pointer createSystem(String id, String document, long ctx, Duration timeout) throws HcsException {
        PointerByReference sys = new PointerByReference();
        PointerByReference result = new PointerByReference();
        int hr = vc.HcsCreateComputeSystem(w(id), w(document), null, sys, result);
        String doc = take(result);
        boolean pending;
        try {
            pending = check("HcsCreateComputeSystem", hr, doc);
        } catch (HcsException e) {
            if (sys.getValue() != null) {
                vc.HcsCloseComputeSystem(sys.getValue());
            }
            throw e;
        }
        subscribe(sys.getValue(), ctx);
        if (pending) {
            try {
                WAITS.get(ctx).await("HcsCreateComputeSystem", HcsEvents.V1_SYSTEM_CREATE_COMPLETED, timeout);
            } catch (HcsException e) {
                closeSystem(sys.getValue(), ctx);
                throw e;
            }
        }
        return sys.getValue();
    }

    private void subscribe(Pointer system, long ctx) throws HcsException {
        WAITS.put(ctx, new Waits());
        PointerByReference registration = new PointerByReference();
        int hr = vc.HcsRegisterComputeSystemCallback(system, CALLBACK, new Pointer(ctx), registration);
        if (HResults.failed(hr)) {
            WAITS.remove(ctx);
            vc.HcsCloseComputeSystem(system);
            throw new HcsException("HcsRegisterComputeSystemCallback", hr, null);
        }
        REGISTRATIONS.put(ctx, registration.getValue());
    }

    @Override
    public Pointer openSystem(String id, long ctx) throws HcsException {
        PointerByReference sys = new PointerByReference();
        PointerByReference result = new PointerByReference();
        int hr = vc.HcsOpenComputeSystem(w(id), sys, result);
        check("HcsOpenComputeSystem", hr, take(result));
        subscribe(sys.getValue(), ctx);
        return sys.getValue();
    }

    @Override
    public void closeSystem(Pointer system, long ctx) {
        Pointer registration = REGISTRATIONS.remove(ctx);
        if (registration != null) {
            vc.HcsUnregisterComputeSystemCallback(registration);
        }
        vc.HcsCloseComputeSystem(system);
        WAITS.remove(ctx);
    }

    @Override
    public String enumerate(String query, Duration timeout) throws HcsException {
        PointerByReference systems = new PointerByReference();
        PointerByReference result = new PointerByReference();
        int hr = vc.HcsEnumerateComputeSystems(w(query), systems, result);
        String list = take(systems);
        check("HcsEnumerateComputeSystems", hr, take(result));
        return list;
    }

    @Override
    public void systemOp(SystemOp op, Pointer system, long ctx, String options, Duration timeout)
            throws HcsException {
        PointerByReference result = new PointerByReference();
        WString o = w(options);
        String what;
        int completion;
        int hr;
        switch (op) {
            case START -> {
                what = "HcsStartComputeSystem";
                completion = HcsEvents.V1_SYSTEM_START_COMPLETED;
                hr = vc.HcsStartComputeSystem(system, o, result);
            }
            case PAUSE -> {
                what = "HcsPauseComputeSystem";
                completion = HcsEvents.V1_SYSTEM_PAUSE_COMPLETED;
                hr = vc.HcsPauseComputeSystem(system, o, result);
            }
            case RESUME -> {
                what = "HcsResumeComputeSystem";
                completion = HcsEvents.V1_SYSTEM_RESUME_COMPLETED;
                hr = vc.HcsResumeComputeSystem(system, o, result);
            }
            case SAVE -> {
                what = "HcsSaveComputeSystem";
                completion = HcsEvents.V1_SYSTEM_SAVE_COMPLETED;
                hr = vc.HcsSaveComputeSystem(system, o, result);
            }
            // Shutdown and terminate are accepted when pending; their end is the SystemExited notification.
            case SHUTDOWN -> {
                what = "HcsShutdownComputeSystem";
                completion = 0;
                hr = vc.HcsShutdownComputeSystem(system, o, result);
            }
            case TERMINATE -> {
                what = "HcsTerminateComputeSystem";
                completion = 0;
                hr = vc.HcsTerminateComputeSystem(system, o, result);
            }
            default -> throw new IllegalArgumentException(op.name());
        }
        if (check(what, hr, take(result)) && completion != 0) {
            WAITS.get(ctx).await(what, completion, timeout);
        }
    }

    @Override
    public String systemProperties(Pointer system, long ctx, String query, Duration timeout) throws HcsException {
        PointerByReference props = new PointerByReference();
        PointerByReference result = new PointerByReference();
        int hr = vc.HcsGetComputeSystemProperties(system, w(query), props, result);
        String doc = take(props);
        check("HcsGetComputeSystemProperties", hr, take(result));
        return doc;
    }

    @Override
    public void modifySystem(Pointer system, long ctx, String document, Duration timeout) throws HcsException {
        PointerByReference result = new PointerByReference();
        int hr = vc.HcsModifyComputeSystem(system, w(document), result);
        if (check("HcsModifyComputeSystem", hr, take(result))) {
            WAITS.get(ctx).await("HcsModifyComputeSystem", HcsEvents.V1_SYSTEM_MODIFY_COMPLETED, timeout);
        }
    }

    @Override
    public CreatedProcess createProcess(Pointer system, long systemCtx, String parameters, long ctx,
                                        Duration timeout) throws HcsException {
        PointerByReference proc = new PointerByReference();
        PointerByReference result = new PointerByReference();
        HcsProcessInformation info = new HcsProcessInformation();
        int hr = vc.HcsCreateProcess(system, w(parameters), info, proc, result);
        check("HcsCreateProcess", hr, take(result));
        CreatedProcess created = new CreatedProcess(proc.getValue(), info.ProcessId, info.StdInput, info.StdOutput,
                info.StdError);
        try {
            subscribeProcess(proc.getValue(), ctx);
        } catch (HcsException e) {
            created.closeStdio(backend);
            throw e;
        }
        return created;
    }

    private void subscribeProcess(Pointer process, long ctx) throws HcsException {
        PointerByReference registration = new PointerByReference();
        int hr = vc.HcsRegisterProcessCallback(process, CALLBACK, new Pointer(ctx), registration);
        if (HResults.failed(hr)) {
            vc.HcsCloseProcess(process);
            throw new HcsException("HcsRegisterProcessCallback", hr, null);
        }
        REGISTRATIONS.put(ctx, registration.getValue());
    }

    @Override
    public Pointer openProcess(Pointer system, int pid, long ctx, Duration timeout) throws HcsException {
        PointerByReference proc = new PointerByReference();
        PointerByReference result = new PointerByReference();
        int hr = vc.HcsOpenProcess(system, pid, proc, result);
        check("HcsOpenProcess", hr, take(result));
        subscribeProcess(proc.getValue(), ctx);
        return proc.getValue();
    }

    @Override
    public void closeProcess(Pointer process, long ctx) {
        Pointer registration = REGISTRATIONS.remove(ctx);
        if (registration != null) {
            vc.HcsUnregisterProcessCallback(registration);
        }
        vc.HcsCloseProcess(process);
    }

    @Override
    public void processOp(ProcessOp op, Pointer process, String document, Duration timeout) throws HcsException {
        PointerByReference result = new PointerByReference();
        switch (op) {
            case TERMINATE -> check("HcsTerminateProcess", vc.HcsTerminateProcess(process, result), take(result));
            case SIGNAL -> check("HcsSignalProcess", vc.HcsSignalProcess(process, w(document), result), take(result));
            case MODIFY -> check("HcsModifyProcess", vc.HcsModifyProcess(process, w(document), result), take(result));
            default -> throw new IllegalArgumentException(op.name());
        }
    }

    @Override
    public String processProperties(Pointer process, Duration timeout) throws HcsException {
        PointerByReference props = new PointerByReference();
        PointerByReference result = new PointerByReference();
        int hr = vc.HcsGetProcessProperties(process, props, result);
        String doc = take(props);
        check("HcsGetProcessProperties", hr, take(result));
        return doc;
    }

    @Override
    public String serviceProperties(String query) throws HcsException {
        PointerByReference props = new PointerByReference();
        PointerByReference result = new PointerByReference();
        int hr = vc.HcsGetServiceProperties(w(query), props, result);
        String doc = take(props);
        check("HcsGetServiceProperties", hr, take(result));
        return doc;
    }

    @Override
    public void modifyServiceSettings(String settings) throws HcsException {
        PointerByReference result = new PointerByReference();
        check("HcsModifyServiceSettings", vc.HcsModifyServiceSettings(w(settings), result), take(result));
    }

    /** HCS v1 has no such call (hcsshim's wclayer reaches vmcompute.dll's layer export for it). */
    @Override
    public void grantVmAccess(String vmId, String filePath) throws HcsException {
        throw new HcsException("HcsGrantVmAccess", HcsErrorKind.NOT_SUPPORTED,
                "granting a VM access to a file needs computecore.dll (HCS v2)");
    }
}
