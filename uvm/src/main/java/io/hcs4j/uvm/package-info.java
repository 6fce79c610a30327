/**
 * Utility VMs: the LCOW and WCOW options and documents, the VM's lifecycle over its compute system
 * ({@code UtilityVm} over {@code VmSystem}, HCS-backed by {@code HcsVmSystem}), and the reference-counted
 * resources hot-added to it.
 */
package io.hcs4j.uvm;
