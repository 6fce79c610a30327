/**
 * Upstream IO: connecting a task process's cow stdio streams to what containerd asked for (FIFOs or named
 * pipes, {@code file://} logs, {@code binary://} logging drivers), and reporting when its output is drained;
 * once a process was killed or has exited, output a reader no longer takes is dropped after a bounded wait.
 */
package io.hcs4j.shim.stdio;
