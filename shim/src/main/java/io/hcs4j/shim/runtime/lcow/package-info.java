/**
 * Linux containers in utility VMs: booting a VM per standalone task or pod sandbox, combining the rootfs
 * layers in the guest, the container as cow sees it plus its layers and VM membership
 * ({@code LcowContainer}), and the VM record that lets {@code delete} clean up after a dead shim.
 */
package io.hcs4j.shim.runtime.lcow;
