/**
 * The emulated guest of a utility VM: the launcher that starts the guest agent as its own process (or takes a booted
 * one from the node's pool of ready agents, {@link io.hcs4j.emulator.guest.AgentPool}, which it gives back when the
 * VM ends cleanly and the agent is as clean as when first ready) and records each running guest
 * so that another process can take the VM over; the bridge's guest end ({@code GuestBridgeServer},
 * with what both agents answer alike: the protocol negotiation and a process's stdio dialled back to the host);
 * the Linux agent, an out-of-process GCS that answers the bridge's {@code schema.guest} requests as the reference
 * GCS does, and what it keeps as the reference's hcsv2 layer does (rootfs, layers, devices, the disk images behind
 * SCSI and vPMem devices loop-mounted as a VM mounts its disks, mounts, cgroups, network namespace bookkeeping,
 * bundles, the GCS's process rules, its containers' cgroup sized to the VM's memory, {@code GuestMemory}) over one
 * container runtime of {@code .runtime}: runc, or where runc cannot run
 * the chroot fallback ({@link io.hcs4j.emulator.guest.ChrootRuntime}, processes on the host chrooted in the rootfs,
 * with or without root); and the Windows agent of a Windows utility VM, which runs its containers with an HCS
 * emulator inside the guest on the VSMB-shared layers and answers their Statistics as HCS does.
 */
package io.hcs4j.emulator.guest;
