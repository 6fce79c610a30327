/**
 * The emulated guest of a utility VM: the launcher that starts the guest agent as its own process and records each
 * running guest so that another process can take the VM over; the bridge's guest end ({@code GuestBridgeServer});
 * the Linux agent, an out-of-process GCS that answers the bridge's {@code schema.guest} requests as the reference
 * GCS does, and the guest's container runtime behind it (rootfs, layers, devices, the disk images behind SCSI and
 * vPMem devices loop-mounted as a VM mounts its disks, mounts, cgroups, network namespace bookkeeping, processes on
 * the host with the init as PID 1 of its own PID namespace as root, with or without root); and the Windows agent of
 * a Windows utility VM, which runs its containers with an HCS emulator inside the guest on the VSMB-shared layers.
 */
package io.hcs4j.emulator.guest;
