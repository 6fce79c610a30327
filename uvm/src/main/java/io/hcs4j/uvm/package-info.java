/**
 * Utility VMs: the LCOW and WCOW options and documents, the VM's lifecycle over its compute system
 * ({@code UtilityVm} over {@code VmSystem}, HCS-backed by {@code HcsVmSystem}, which also gives the hvsocket
 * transport that reaches the VM), pause and resume, and the reference-counted resources hot-added to it.
 */
package io.hcs4j.uvm;
