/**
 * The interface between the emulated guest agent and an OCI container runtime, as the reference GCS defines it
 * (hcsshim's internal/guest/runtime): {@link io.hcs4j.emulator.guest.runtime.ContainerRuntime} creates containers
 * from bundles, a {@link io.hcs4j.emulator.guest.runtime.Container} runs its init and execs
 * ({@link io.hcs4j.emulator.guest.runtime.ContainerProcess}), with the runtime's errors as the HRESULTs the host
 * sees ({@link io.hcs4j.emulator.guest.runtime.RuntimeError}). Also what every runtime shares: the stdio relays
 * between a process and the host's hvsocket connections, and the {@link io.hcs4j.emulator.guest.runtime.Reaper}
 * that collects exit codes and orphans. The runc implementation is in {@code .runc}; the chroot fallback is the
 * guest's own {@code ChrootRuntime}.
 */
package io.hcs4j.emulator.guest.runtime;
