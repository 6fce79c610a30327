package io.hcs4j.shim.cli;

import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinNT;
import io.hcs4j.shim.task.ShimDiagService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Windows has no SIGQUIT: as containerd's daemons do, the shim waits on the named event
 * {@code Global\stack-dump-<pid>}; each time someone sets it, the shim writes its thread dump into its log.
 */
final class StackDumpEvent {
    private static final Logger log = LoggerFactory.getLogger(StackDumpEvent.class);

    private StackDumpEvent() {
    }

    static String name(long pid) {
        return "Global\\stack-dump-" + pid;
    }

    /** Starts the waiting thread (a daemon); a failure to create the event is logged, nothing else. */
    static void listen() {
        String name = name(ProcessHandle.current().pid());
        WinNT.HANDLE event = Kernel32.INSTANCE.CreateEvent(null, false, false, name);
        if (event == null) {
            log.warn("no stack dump event {}: error {}", name, Kernel32.INSTANCE.GetLastError());
            return;
        }
        Thread waiter = new Thread(() -> {
            while (Kernel32.INSTANCE.WaitForSingleObject(event, WinBase.INFINITE) == WinBase.WAIT_OBJECT_0) {
                log.info("stack dump (event {}):\n{}", name, ShimDiagService.threadDump());
            }
        }, "stack-dump-event");
        waiter.setDaemon(true);
        waiter.start();
    }
}
