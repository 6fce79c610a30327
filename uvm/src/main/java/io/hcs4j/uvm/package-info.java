/**
 * Utility VMs: the LCOW and WCOW options and documents (a Windows VM's from its image's layers and the VM
 * annotations, {@code WcowVmOptions}, {@code VmAnnotations}), the VM's lifecycle over its compute system
 * ({@code UtilityVm} over {@code VmSystem}, HCS-backed by {@code HcsVmSystem}, which also gives the hvsocket
 * transport that reaches the VM), pause and resume, the reference-counted resources hot-added to it, and a
 * container in a VM with its storage there and its place in the VM ({@code HostedContainer}; a Windows one it also
 * sets up, on VSMB-shared layers and a SCSI scratch).
 */
package io.hcs4j.uvm;
