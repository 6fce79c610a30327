package io.hcs4j.hcs;

import com.sun.jna.Pointer;

import java.time.Duration;

/**
 * One HCS generation's calling convention (v2 operation handles or v1 pending-plus-notification), behind which the
 * facade's lifecycle, locking and JSON handling are shared. Each call blocks until HCS has finished with every
 * argument, or throws; {@code ctx} is the {@link EventRouter} id that receives the handle's notifications.
 */
interface HcsApi {
    enum SystemOp { START, SHUTDOWN, TERMINATE, PAUSE, RESUME, SAVE }

    enum ProcessOp { TERMINATE, SIGNAL, MODIFY }

    /** A created process: its handle and the HCS_PROCESS_INFORMATION fields. */
    record CreatedProcess(Pointer process, int pid, Pointer stdIn, Pointer stdOut, Pointer stdErr) {
        /** Closes the stdio handles when no HcsProcess will own them. */
        void closeStdio(io.hcs4j.hcs.spi.HcsBackend backend) {
            for (Pointer h : new Pointer[] {stdIn, stdOut, stdErr}) {
                if (h != null) {
                    backend.closeHandle(h);
                }
            }
        }
    }

    String name();

    Pointer createSystem(String id, String document, long ctx, Duration timeout) throws HcsException;

    Pointer openSystem(String id, long ctx) throws HcsException;

    void closeSystem(Pointer system, long ctx);

    String enumerate(String query, Duration timeout) throws HcsException;

    void systemOp(SystemOp op, Pointer system, long ctx, String options, Duration timeout) throws HcsException;

    String systemProperties(Pointer system, long ctx, String query, Duration timeout) throws HcsException;

    void modifySystem(Pointer system, long ctx, String document, Duration timeout) throws HcsException;

    CreatedProcess createProcess(Pointer system, long systemCtx, String parameters, long ctx, Duration timeout)
            throws HcsException;

    Pointer openProcess(Pointer system, int pid, long ctx, Duration timeout) throws HcsException;

    void closeProcess(Pointer process, long ctx);

    void processOp(ProcessOp op, Pointer process, String document, Duration timeout) throws HcsException;

    String processProperties(Pointer process, Duration timeout) throws HcsException;

    String serviceProperties(String query) throws HcsException;

    void modifyServiceSettings(String settings) throws HcsException;

    /** Lets the VM {@code vmId}'s worker process open {@code filePath} (a disk it is about to attach). */
    void grantVmAccess(String vmId, String filePath) throws HcsException;
}
