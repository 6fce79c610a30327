/**
 * What Stats reports, as hcsshim fills {@code containerd.runhcs.stats.v1.Statistics}: a Windows container's HCS
 * {@code Statistics} property as {@code WindowsContainerStatistics}, a Linux guest's LCOWMetrics as cgroup v1
 * {@code Metrics}, and a utility VM's {@code Statistics} and {@code Memory} properties as
 * {@code VirtualMachineStatistics}. One mapping function per source; the task layer picks the sources.
 */
package io.hcs4j.shim.stats;
