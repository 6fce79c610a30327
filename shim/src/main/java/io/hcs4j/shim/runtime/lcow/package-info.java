/**
 * Linux containers in utility VMs: booting a VM per standalone task or pod sandbox, combining the rootfs
 * layers in the guest over a scratch directory of the guest's own (writes land in containerd's snapshot), the
 * container as cow sees it plus its layers and VM membership, torn down in hcsshim's order
 * ({@code LcowContainer}), and the VM record that lets {@code delete} clean up after a dead shim.
 */
package io.hcs4j.shim.runtime.lcow;
