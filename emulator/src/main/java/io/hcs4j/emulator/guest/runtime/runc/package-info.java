/**
 * The runc implementation of the guest's container runtime, as the reference GCS drives runc: {@code runc create}
 * from the bundle the agent wrote, {@code start}, {@code exec --detach --process}, {@code kill}, {@code pause},
 * {@code resume}, {@code state}, {@code ps}, {@code update}, {@code delete}, each with a JSON log whose last error
 * becomes the host's error message. Container processes are adopted and reaped by the agent
 * ({@link io.hcs4j.emulator.guest.runtime.Reaper}); their stdio are pipes, or a terminal received over a console
 * socket.
 */
package io.hcs4j.emulator.guest.runtime.runc;
