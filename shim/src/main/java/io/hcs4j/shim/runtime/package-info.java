/**
 * The shim's platform paths: a {@link io.hcs4j.shim.runtime.ContainerBackend} turns a task's bundle and rootfs
 * mounts ({@link io.hcs4j.shim.runtime.ContainerSpec}) into an {@code io.hcs4j.cow.Container}, on which the
 * task layer runs its processes, or refuses the spec with a {@link io.hcs4j.shim.runtime.SpecException} that names
 * what is wrong; a container in a utility VM is uvm's {@code HostedContainer}, also {@code VmHosted} (its VM and
 * whether its task owns it, for statistics, updates and diagnostics). What the VM paths share is here too: the VM a task or pod boots and its containers join
 * ({@link io.hcs4j.shim.runtime.TaskVm}), the pods' VMs by sandbox ({@link io.hcs4j.shim.runtime.PodVms}), and
 * the record that lets {@code delete} end a dead shim's VM ({@link io.hcs4j.shim.runtime.VmRecord}). The paths
 * themselves live in {@code .lcow} and {@code .wcow}.
 */
package io.hcs4j.shim.runtime;
