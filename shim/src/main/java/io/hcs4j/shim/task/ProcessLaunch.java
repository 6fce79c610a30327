package io.hcs4j.shim.task;

import io.hcs4j.cow.ProcessHost;
import io.hcs4j.cow.hcs.ProcessDocuments;
import io.hcs4j.schema.guest.GuestProcessParameters;
import io.hcs4j.schema.oci.Process;
import io.hcs4j.schema.v2.ProcessParameters;

/**
 * The cow parameters that run a task's process on its host. An OCI host (a Linux guest) takes the exec's OCI
 * process, and none for the init process, whose spec the guest already has; an HCS host takes HCS process
 * parameters built from the OCI process, with a stdout pipe for a console and no stderr beside it.
 */
final class ProcessLaunch {
    private ProcessLaunch() {
    }

    static ProcessParameters parameters(ProcessHost host, Process process, boolean init, boolean stdin, boolean stdout,
            boolean stderr) {
        if (!host.isOci()) {
            return ProcessDocuments.of(process, new ProcessDocuments.Stdio(stdin, stdout || process.terminal,
                    stderr && !process.terminal));
        }
        GuestProcessParameters p = new GuestProcessParameters();
        p.ociProcess = init ? null : process;
        p.createStdInPipe = stdin;
        p.createStdOutPipe = stdout;
        p.createStdErrPipe = stderr && !process.terminal;
        p.emulateConsole = process.terminal;
        // The Linux GCS sizes the terminal from the OCI process's consoleSize (the exec's here, the spec's for
        // the init process); ProcessParameters.ConsoleSize is for Windows guests.
        return p;
    }
}
