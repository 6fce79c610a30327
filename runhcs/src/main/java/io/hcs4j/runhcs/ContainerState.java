package io.hcs4j.runhcs;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** What {@code state} and {@code list --format json} print for a container: runc's fields, in runc's order. */
@JsonPropertyOrder({"ociVersion", "id", "pid", "status", "bundle", "rootfs", "created", "owner"})
record ContainerState(
        @JsonProperty("ociVersion") String ociVersion,
        @JsonProperty("id") String id,
        @JsonProperty("pid") int pid,
        @JsonProperty("status") String status,
        @JsonProperty("bundle") String bundle,
        @JsonProperty("rootfs") String rootfs,
        @JsonProperty("created") String created,
        @JsonProperty("owner") String owner) {

    static final String CREATING = "creating";
    static final String CREATED = "created";
    static final String RUNNING = "running";
    static final String PAUSED = "paused";
    static final String STOPPED = "stopped";

    ContainerState withStatus(String newStatus, int newPid) {
        return new ContainerState(ociVersion, id, newPid, newStatus, bundle, rootfs, created, owner);
    }
}
