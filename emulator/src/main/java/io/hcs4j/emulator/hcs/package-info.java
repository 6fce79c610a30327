/**
 * The in-process HCS emulator behind the raw computecore / vmcompute interfaces: compute systems and their state
 * machine, processes, consoles, VM devices and a VM's memory and processor updates, containers' limits enforced by a
 * cgroup per compute system ({@code SystemCgroup}, its owner recorded so that the next emulator removes what a dead
 * one left), native result strings, and the emulator as a host backend provider. VMs
 * boot their guests through a {@link io.hcs4j.emulator.hcs.GuestLauncher}, which can also hand over a guest that an
 * emulator in a dead process left running, so that such a VM can be opened by id.
 */
package io.hcs4j.emulator.hcs;
