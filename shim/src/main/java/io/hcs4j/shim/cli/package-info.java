/**
 * The shim's command line: {@code start} (hands the task to a ready daemon or spawns one, and prints its address),
 * {@code serve} (the Task service over ttrpc, with one backend selected for the daemon's life; with the shim pool
 * on, a clean daemon waits among the {@link io.hcs4j.shim.cli.ReadyDaemons} for the next pod) and {@code delete} (containerd's cleanup:
 * a dead shim's utility VM is ended through the backend), plus flags, socket addresses (in a private directory),
 * logging (its level from the runtime options, thread dumps on SIGQUIT or the Windows stack-dump event) and the
 * class-data archive; and {@code shimdiag}, the client of the shims' diagnostic service.
 */
package io.hcs4j.shim.cli;
