/**
 * The Task service (containerd.task.v2.Task) and what it acts on: the registry of tasks served by this shim,
 * each task's and exec's state, the ids and paths it accepts (containerd's identifier rule), OCI spec parsing, the
 * runtime options of a Create (and the shim pool size they may set), backend selection per task (Windows isolation as hcsshim chooses it), the wire types
 * of Pids and Stats, the OOM events derived from the guest's statistics, resource updates routed by their type as
 * hcsshim routes them (to the utility VM of a task that owns one), the diagnostic services served beside the Task
 * service (hcsshim's {@link io.hcs4j.shim.task.ShimDiagService} and our {@link io.hcs4j.shim.task.LogLevelService}),
 * and the one mapping of failures to gRPC codes at the
 * service boundary ({@link io.hcs4j.shim.task.GrpcErrors}).
 */
package io.hcs4j.shim.task;
