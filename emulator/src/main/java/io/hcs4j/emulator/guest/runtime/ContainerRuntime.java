package io.hcs4j.emulator.guest.runtime;

import java.nio.file.Path;
import java.util.List;

/** An OCI container runtime (the seeds' Runtime): makes containers from bundles. */
public interface ContainerRuntime {
    /** How the agent names this runtime in its log ("runc", "chroot"). */
    String name();

    /**
     * Creates the container described by {@code bundle}/config.json; its init process exists but has not started.
     * {@code stdio} is its host connections, or {@link Stdio#NONE} to connect them at start (the GCS's way).
     */
    Container createContainer(String id, Path bundle, Stdio stdio) throws RuntimeError;

    List<ContainerState> listContainerStates() throws RuntimeError;
}
