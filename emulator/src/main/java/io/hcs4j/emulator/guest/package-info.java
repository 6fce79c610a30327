/**
 * The emulated guest of an LCOW utility VM: the launcher that starts the guest agent as its own process and
 * records each running guest so that another process can take the VM over; the agent, an out-of-process GCS
 * that dials the host and answers the bridge's {@code schema.guest} requests as the reference GCS does; and the
 * guest's container runtime behind it (rootfs, layers, devices, the disk images behind SCSI and vPMem devices
 * loop-mounted as a VM mounts its disks, mounts, cgroups, network namespace bookkeeping,
 * processes on the host with the init as PID 1 of its own PID namespace as root, with or without root).
 */
package io.hcs4j.emulator.guest;
