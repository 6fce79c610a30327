package io.hcs4j.hcs;

import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.ptr.PointerByReference;
import io.hcs4j.hcs.raw.ComputeCore;
import io.hcs4j.hcs.raw.HResults;
import io.hcs4j.hcs.raw.HcsEvent;
import io.hcs4j.hcs.raw.HcsEvents;
import io.hcs4j.hcs.raw.HcsProcessInformation;
import io.hcs4j.hcs.raw.Utf16;
import io.hcs4j.hcs.spi.HcsBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * HCS v2 (computecore.dll): every asynchronous call gets its own operation handle and is waited for with
 * HcsWaitForOperationResult. On timeout the operation is cancelled and waited for again; an operation HCS still
 * holds after that grace period is deliberately leaked rather than closed under its feet.
 */
final class ComputeCoreApi implements HcsApi {
    private static final Logger LOG = LoggerFactory.getLogger(ComputeCoreApi.class);
    private static final int GENERIC_ALL = 0x10000000;
    private static final int CANCEL_GRACE_MS = 30_000;

    /** One callback object for every handle: static, so it stays reachable as long as native code may call it. */
    static final ComputeCore.HcsEventCallback CALLBACK = ComputeCoreApi::onEvent;

    private final ComputeCore cc;
    private final HcsBackend backend;

    ComputeCoreApi(HcsBackend backend) {
        this.backend = backend;
        this.cc = backend.computeCore();
    }

    private static void onEvent(HcsEvent event, Pointer context) {
        EventRouter.Kind kind = switch (event.Type) {
            case HcsEvents.V2_SYSTEM_EXITED -> EventRouter.Kind.SYSTEM_EXITED;
            case HcsEvents.V2_PROCESS_EXITED -> EventRouter.Kind.PROCESS_EXITED;
            case HcsEvents.V2_SERVICE_DISCONNECT -> EventRouter.Kind.SERVICE_DISCONNECT;
            default -> null;
        };
        if (kind != null) {
            EventRouter.dispatch(Pointer.nativeValue(context), kind, Utf16.read(event.EventData));
        }
    }

    @Override
    public String name() {
        return "computecore";
    }

    /** The body of one operation-based call: starts it and returns the immediate HRESULT. */
    private interface Call {
        int start(Pointer operation);
    }

    private String run(String what, Duration timeout, HcsProcessInformation info, Call call) throws HcsException {
        Pointer op = cc.HcsCreateOperation(null, null);
        if (op == null) {
            throw new HcsException(what, HcsErrorKind.OTHER, "HcsCreateOperation failed");
        }
        boolean closeOp = true;
        try {
            int hr = call.start(op);
            if (HResults.failed(hr)) {
                throw new HcsException(what, hr, null);
            }
            PointerByReference result = new PointerByReference();
            hr = await(op, timeout.toMillis(), info, result);
            String doc = takeString(result);
            if (hr == HResults.HCS_E_OPERATION_TIMEOUT) {
                cc.HcsCancelOperation(op);
                PointerByReference late = new PointerByReference();
                int after = await(op, CANCEL_GRACE_MS, info, late);
                takeString(late);
                if (after == HResults.HCS_E_OPERATION_TIMEOUT) {
                    closeOp = false;
                    LOG.warn("{}: operation still running {} ms after cancel; leaking its handle", what, CANCEL_GRACE_MS);
                }
                throw new HcsException(what, HcsErrorKind.TIMEOUT, "no result within " + timeout.toMillis() + " ms");
            }
            if (HResults.failed(hr)) {
                throw new HcsException(what, hr, Documents.result(doc));
            }
            return doc;
        } finally {
            if (closeOp) {
                cc.HcsCloseOperation(op);
            }
        }
    }

    private int await(Pointer op, long timeoutMs, HcsProcessInformation info, PointerByReference result) {
        int ms = (int) Math.min(timeoutMs, 0xFFFFFFFEL);
        return info == null ? cc.HcsWaitForOperationResult(op, ms, result)
                : cc.HcsWaitForOperationResultAndProcessInfo(op, ms, info, result);
    }

    private String takeString(PointerByReference ref) {
        Pointer p = ref.getValue();
        if (p == null) {
            return null;
        }
        try {
            return Utf16.read(p);
        } finally {
            backend.localFree(p);
        }
    }

    private static WString w(String s) {
        return s == null ? null : new WString(s);
    }

    private static Pointer ctxPointer(long ctx) {
        return new Pointer(ctx);
    }

    @Override
    public Pointer createSystem(String id, String document, long ctx, Duration timeout) throws HcsException {
        PointerByReference sys = new PointerByReference();
        try {
            run("HcsCreateComputeSystem", timeout, null,
                    op -> cc.HcsCreateComputeSystem(w(id), w(document), op, null, sys));
        } catch (HcsException e) {
            if (sys.getValue() != null) {
                cc.HcsCloseComputeSystem(sys.getValue());
            }
            throw e;
        }
        subscribe(sys.getValue(), ctx);
        return sys.getValue();
    }

    private void subscribe(Pointer system, long ctx) throws HcsException {
        int hr = cc.HcsSetComputeSystemCallback(system, HcsEvents.EVENT_OPTION_NONE, ctxPointer(ctx), CALLBACK);
        if (HResults.failed(hr)) {
            cc.HcsCloseComputeSystem(system);
            throw new HcsException("HcsSetComputeSystemCallback", hr, null);
        }
    }

    @Override
    public Pointer openSystem(String id, long ctx) throws HcsException {
        PointerByReference sys = new PointerByReference();
        int hr = cc.HcsOpenComputeSystem(w(id), GENERIC_ALL, sys);
        if (HResults.failed(hr)) {
            throw new HcsException("HcsOpenComputeSystem", hr, null);
        }
        subscribe(sys.getValue(), ctx);
        return sys.getValue();
    }

    @Override
    public void closeSystem(Pointer system, long ctx) {
        cc.HcsCloseComputeSystem(system);
    }

    @Override
    public String enumerate(String query, Duration timeout) throws HcsException {
        return run("HcsEnumerateComputeSystems", timeout, null, op -> cc.HcsEnumerateComputeSystems(w(query), op));
    }

    @Override
    public void systemOp(SystemOp what, Pointer system, long ctx, String options, Duration timeout)
            throws HcsException {
        WString o = w(options);
        switch (what) {
            case START -> run("HcsStartComputeSystem", timeout, null, op -> cc.HcsStartComputeSystem(system, op, o));
            case SHUTDOWN -> run("HcsShutDownComputeSystem", timeout, null,
                    op -> cc.HcsShutDownComputeSystem(system, op, o));
            case TERMINATE -> run("HcsTerminateComputeSystem", timeout, null,
                    op -> cc.HcsTerminateComputeSystem(system, op, o));
            case PAUSE -> run("HcsPauseComputeSystem", timeout, null, op -> cc.HcsPauseComputeSystem(system, op, o));
            case RESUME -> run("HcsResumeComputeSystem", timeout, null,
                    op -> cc.HcsResumeComputeSystem(system, op, o));
            case SAVE -> run("HcsSaveComputeSystem", timeout, null, op -> cc.HcsSaveComputeSystem(system, op, o));
            default -> throw new IllegalArgumentException(what.name());
        }
    }

    @Override
    public String systemProperties(Pointer system, long ctx, String query, Duration timeout) throws HcsException {
        return run("HcsGetComputeSystemProperties", timeout, null,
                op -> cc.HcsGetComputeSystemProperties(system, op, w(query)));
    }

    @Override
    public void modifySystem(Pointer system, long ctx, String document, Duration timeout) throws HcsException {
        run("HcsModifyComputeSystem", timeout, null, op -> cc.HcsModifyComputeSystem(system, op, w(document), null));
    }

    @Override
    public CreatedProcess createProcess(Pointer system, long systemCtx, String parameters, long ctx,
                                        Duration timeout) throws HcsException {
        PointerByReference proc = new PointerByReference();
        HcsProcessInformation info = new HcsProcessInformation();
        try {
            run("HcsCreateProcess", timeout, info, op -> cc.HcsCreateProcess(system, w(parameters), op, null, proc));
        } catch (HcsException e) {
            if (proc.getValue() != null) {
                cc.HcsCloseProcess(proc.getValue());
            }
            throw e;
        }
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
        int hr = cc.HcsSetProcessCallback(process, HcsEvents.EVENT_OPTION_NONE, ctxPointer(ctx), CALLBACK);
        if (HResults.failed(hr)) {
            cc.HcsCloseProcess(process);
            throw new HcsException("HcsSetProcessCallback", hr, null);
        }
    }

    @Override
    public Pointer openProcess(Pointer system, int pid, long ctx, Duration timeout) throws HcsException {
        PointerByReference proc = new PointerByReference();
        int hr = cc.HcsOpenProcess(system, pid, GENERIC_ALL, proc);
        if (HResults.failed(hr)) {
            throw new HcsException("HcsOpenProcess", hr, null);
        }
        subscribeProcess(proc.getValue(), ctx);
        return proc.getValue();
    }

    @Override
    public void closeProcess(Pointer process, long ctx) {
        cc.HcsCloseProcess(process);
    }

    @Override
    public void processOp(ProcessOp what, Pointer process, String document, Duration timeout) throws HcsException {
        WString d = w(document);
        switch (what) {
            case TERMINATE -> run("HcsTerminateProcess", timeout, null, op -> cc.HcsTerminateProcess(process, op, d));
            case SIGNAL -> run("HcsSignalProcess", timeout, null, op -> cc.HcsSignalProcess(process, op, d));
            case MODIFY -> run("HcsModifyProcess", timeout, null, op -> cc.HcsModifyProcess(process, op, d));
            default -> throw new IllegalArgumentException(what.name());
        }
    }

    @Override
    public String processProperties(Pointer process, Duration timeout) throws HcsException {
        return run("HcsGetProcessProperties", timeout, null, op -> cc.HcsGetProcessProperties(process, op, null));
    }

    @Override
    public String serviceProperties(String query) throws HcsException {
        PointerByReference result = new PointerByReference();
        int hr = cc.HcsGetServiceProperties(w(query), result);
        String doc = takeString(result);
        if (HResults.failed(hr)) {
            throw new HcsException("HcsGetServiceProperties", hr, Documents.result(doc));
        }
        return doc;
    }

    @Override
    public void modifyServiceSettings(String settings) throws HcsException {
        PointerByReference result = new PointerByReference();
        int hr = cc.HcsModifyServiceSettings(w(settings), result);
        String doc = takeString(result);
        if (HResults.failed(hr)) {
            throw new HcsException("HcsModifyServiceSettings", hr, Documents.result(doc));
        }
    }

    @Override
    public void grantVmAccess(String vmId, String filePath) throws HcsException {
        int hr = cc.HcsGrantVmAccess(w(vmId), w(filePath));
        if (HResults.failed(hr)) {
            throw new HcsException("HcsGrantVmAccess", hr, null);
        }
    }
}
