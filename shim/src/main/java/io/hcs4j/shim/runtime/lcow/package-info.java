/**
 * Linux containers in utility VMs: a VM per standalone task or pod sandbox (the runtime package's {@code TaskVm}),
 * shaped by the runtime options and annotations ({@code LcowVmOptions}); the container's rootfs either as VHDs, as containerd on Windows hands
 * them over ({@code VhdRootfs}: lcow-layer mounts or layer folders, attached to the VM and combined in the guest),
 * or as directories, as Linux's containerd does ({@code RootfsLayers}: combined in the guest over a scratch
 * directory of the guest's own, writes landing in containerd's snapshot); the container (uvm's
 * {@code HostedContainer}: its layers and VM membership, torn down in hcsshim's order, and VM-hosted for the task
 * layer); and ending the VM of a dead shim ({@code LcowCleanup}).
 */
package io.hcs4j.shim.runtime.lcow;
