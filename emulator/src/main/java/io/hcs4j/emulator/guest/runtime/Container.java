package io.hcs4j.emulator.guest.runtime;

import io.hcs4j.schema.oci.LinuxResources;
import io.hcs4j.schema.oci.Process;

import java.util.List;

/**
 * A container a runtime created (the seeds' Container). As a {@link ContainerProcess} it is its init process;
 * {@link #delete()} removes the whole container.
 */
public interface Container extends ContainerProcess {
    String id();

    boolean exists() throws RuntimeError;

    /** Starts the init process created with the container. */
    void start() throws RuntimeError;

    /** Starts {@code process} in the container's namespaces and cgroup, its stdio relayed to {@code stdio}. */
    ContainerProcess execProcess(Process process, Stdio stdio) throws RuntimeError;

    /** Signals the init process, or with {@code all} every process of the container. */
    void kill(int signal, boolean all) throws RuntimeError;

    void pause() throws RuntimeError;

    void resume() throws RuntimeError;

    ContainerState state() throws RuntimeError;

    /** The container's processes that have not ended. */
    List<ContainerProcessState> runningProcesses() throws RuntimeError;

    /** The container's processes, ended ones (zombies) included. */
    List<ContainerProcessState> allProcesses() throws RuntimeError;

    /** Applies new cgroup limits. */
    void update(LinuxResources resources) throws RuntimeError;
}
