package io.hcs4j.shim.runtime;

/** Aggregate usage of a container's processes. */
public record ContainerStats(long cpuUserNanos, long cpuKernelNanos, long memoryBytes, int processCount) {
}
