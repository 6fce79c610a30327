/**
 * Utility VMs: the LCOW and WCOW documents, {@link io.hcs4j.uvm.UtilityVm} (lifecycle, pause, the guest
 * connection, hot-added devices and shares, reference counted) over a {@link io.hcs4j.uvm.VmSystem}, the compute
 * system HCS provides and the hvsocket transport that reaches it.
 */
package io.hcs4j.uvm;
