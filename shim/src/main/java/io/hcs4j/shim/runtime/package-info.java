/**
 * The shim's platform paths: a {@link io.hcs4j.shim.runtime.ContainerBackend} turns a task's bundle and rootfs
 * mounts ({@link io.hcs4j.shim.runtime.ContainerSpec}) into an {@code io.hcs4j.cow.Container}, on which the
 * task layer runs its processes, or refuses the spec with a {@link io.hcs4j.shim.runtime.SpecException} that names
 * what is wrong. The paths themselves live in {@code .lcow} and {@code .wcow}.
 */
package io.hcs4j.shim.runtime;
