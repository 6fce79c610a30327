/**
 * The emulated guest of an LCOW utility VM: the launcher that starts the guest agent as its own process and records
 * each running guest so that another process can take the VM over, the agent that speaks the GCS bridge protocol,
 * and the guest's container runtime (rootfs, mounts, cgroups, processes).
 */
package io.hcs4j.emulator.guest;
